package com.omnicanal.appointment.api;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.omnicanal.api.Callers;
import com.omnicanal.api.DomainProblems;
import com.omnicanal.appointment.Advisor;
import com.omnicanal.appointment.Appointment;
import com.omnicanal.appointment.AppointmentBook;
import com.omnicanal.appointment.AppointmentType;
import com.omnicanal.appointment.BookingAppointments.BookingRequest;
import com.omnicanal.appointment.BookingAppointments.HoldAppointment;
import com.omnicanal.appointment.CustomerSummaries;
import com.omnicanal.appointment.Resource;
import com.omnicanal.infrastructure.http.ApiRequest;
import com.omnicanal.infrastructure.http.ApiResponse;
import com.omnicanal.infrastructure.http.Router;
import com.omnicanal.shared.Actor;
import com.omnicanal.shared.Page;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The appointments Lambda: anyone finds what a store offers and its free slots; customers book (hold, then confirm),
 * follow, cancel and move their appointments, signed in or through the signed link of their messages; staff say what
 * can be booked, run the day's agenda and read the figures.
 */
public final class AppointmentApi {
    private AppointmentApi() {
    }

    /** What the API shows of an appointment. */
    public record AppointmentView(String id, String customerId, String storeId, String storeName, String typeId,
                                  String typeName, String advisorId, String advisorName, Instant start, Instant end,
                                  String status, Instant holdExpiresAt, Appointment.Contact contact,
                                  List<Appointment.ItemToTry> items, String cancelledBy, String noShowBy, String reason,
                                  Instant createdAt, Instant confirmedAt, List<Appointment.Event> timeline, Instant updatedAt) {
        static AppointmentView of(Appointment a) {
            return new AppointmentView(a.id(), a.customerId(), a.storeId(), a.storeName(), a.typeId(), a.typeName(),
                    a.advisorId(), a.advisorName(), a.start(), a.end(), a.status().name(),
                    a.status().name().equals("HELD") ? a.holdExpiresAt() : null, a.contact(), a.items(), a.cancelledBy(),
                    a.noShowBy(), a.reason(), a.createdAt(), a.confirmedAt(), a.timeline(), a.updatedAt());
        }
    }

    public record TypeRequest(String name, Integer durationMinutes, Integer bufferBeforeMinutes, Integer bufferAfterMinutes,
                              Integer minimumNoticeMinutes, Integer horizonDays, List<String> advisorIds,
                              List<String> resourceIds, Boolean active) {
    }

    public record AdvisorRequest(String name, List<Advisor.WorkingHours> week, List<Advisor.PlanException> exceptions,
                                 Boolean active) {
    }

    public record ResourceRequest(String name, Integer capacity) {
    }

    public record MoveRequest(Instant start, String advisorId) {
    }

    public record Completion(List<String> bought) {
    }

    public record NoShow(Appointment.Party party) {
    }

    public record Cancellation(String reason) {
    }

    public static Router router(AppointmentBook book) {
        return Router.builder()
                .route("GET /stores/{storeId}/appointment-types", request -> ApiResponse.ok(Map.of("items",
                        book.finding().types(request.path("storeId")).stream().map(AppointmentApi::publicType).toList())))
                .route("GET /stores/{storeId}/appointment-types/{typeId}/slots", request -> {
                    var from = LocalDate.parse(request.query("from").orElseThrow());
                    var to = request.query("to").map(LocalDate::parse).orElse(from);
                    var found = book.finding().slots(request.path("storeId"), request.path("typeId"), from, to);
                    var zone = ZoneId.of(found.timeZone());
                    var items = found.slots().stream().map(s -> {
                        var row = new LinkedHashMap<String, Object>();
                        row.put("start", s.start());
                        row.put("end", s.end());
                        row.put("localStart", s.start().atZone(zone).toOffsetDateTime().toString());
                        row.put("advisors", s.advisorIds().stream()
                                .map(id -> Map.of("id", id, "name", found.advisorNames().getOrDefault(id, id))).toList());
                        return row;
                    }).toList();
                    return ApiResponse.ok(Map.of("storeId", found.storeId(), "typeId", found.typeId(),
                            "timeZone", found.timeZone(), "items", items));
                })
                .transactional("POST /appointments", (request, key) -> {
                    var actor = Callers.actor(request);
                    var outcome = book.booking().hold(new HoldAppointment(actor, request.body(BookingRequest.class)),
                            Callers.idempotencyKey("appointments", key));
                    var headers = new LinkedHashMap<String, String>();
                    headers.put("Location", "/appointments/" + outcome.appointment().id());
                    if (outcome.replayed()) headers.put("Idempotent-Replayed", "true");
                    return ApiResponse.json(201, AppointmentView.of(outcome.appointment()), headers);
                })
                .route("POST /appointments/{id}/confirm", request ->
                        view(book.booking().confirm(Callers.actor(request), request.path("id"))))
                .route("GET /appointments/{id}", request -> view(book.changing().get(Callers.actor(request), request.path("id"))))
                .route("DELETE /appointments/{id}", request ->
                        view(book.changing().cancel(Callers.actor(request), request.path("id"))))
                .route("POST /appointments/{id}/reschedule", request -> {
                    var move = request.body(MoveRequest.class);
                    return view(book.changing().reschedule(Callers.actor(request), request.path("id"), move.start(), move.advisorId()));
                })
                .route("GET /customers/me/appointments", request -> {
                    var page = book.changing().mine(Callers.actor(request), request.query("cursor").orElse(null));
                    return ApiResponse.ok(new Page<>(page.items().stream().map(AppointmentView::of).toList(), page.nextCursor()));
                })
                .route("GET /appointments/manage/{token}", request -> view(book.changing().byLink(request.path("token"))))
                .route("POST /appointments/manage/{token}/cancel", request ->
                        view(book.changing().cancelByLink(request.path("token"))))
                .route("POST /appointments/manage/{token}/reschedule", request -> {
                    var move = request.body(MoveRequest.class);
                    return view(book.changing().rescheduleByLink(request.path("token"), move.start(), move.advisorId()));
                })
                .route("GET /stores/{storeId}/appointment-setup", request ->
                        ApiResponse.ok(book.configuring().setup(Callers.actor(request), request.path("storeId"))))
                .route("PUT /stores/{storeId}/appointment-types/{typeId}", request -> {
                    var body = request.body(TypeRequest.class);
                    return ApiResponse.ok(book.configuring().save(Callers.actor(request), new AppointmentType(
                            request.path("typeId"), request.path("storeId"), body.name(), body.durationMinutes(),
                            or(body.bufferBeforeMinutes(), 0), or(body.bufferAfterMinutes(), 0), or(body.minimumNoticeMinutes(), 0),
                            or(body.horizonDays(), 60), body.advisorIds(), body.resourceIds(), body.active() == null || body.active())));
                })
                .route("PUT /stores/{storeId}/advisors/{advisorId}", request -> {
                    var body = request.body(AdvisorRequest.class);
                    return ApiResponse.ok(book.configuring().save(Callers.actor(request), new Advisor(request.path("advisorId"),
                            request.path("storeId"), body.name(), body.week(), body.exceptions(), body.active() == null || body.active())));
                })
                .route("PUT /stores/{storeId}/appointment-resources/{resourceId}", request -> {
                    var body = request.body(ResourceRequest.class);
                    return ApiResponse.ok(book.configuring().save(Callers.actor(request), new Resource(request.path("resourceId"),
                            request.path("storeId"), body.name(), body.capacity())));
                })
                .route("GET /stores/{storeId}/agenda", request -> {
                    var agenda = book.hosting().agenda(Callers.actor(request), request.path("storeId"),
                            LocalDate.parse(request.query("date").orElseThrow()), request.query("advisorId").orElse(null));
                    return ApiResponse.ok(Map.of("items", agenda.stream().map(e -> agendaEntry(e.appointment(), e.customer())).toList()));
                })
                .route("POST /stores/{storeId}/appointments/{id}/check-in", request -> staff(request,
                        (actor, store, id) -> book.hosting().checkIn(actor, store, id)))
                .route("POST /stores/{storeId}/appointments/{id}/complete", request -> {
                    List<String> bought = request.rawBody().isBlank() ? List.of() : or(request.body(Completion.class).bought(), List.<String>of());
                    return staff(request, (actor, store, id) -> book.hosting().complete(actor, store, id, Set.copyOf(bought)));
                })
                .route("POST /stores/{storeId}/appointments/{id}/no-show", request -> {
                    var party = request.body(NoShow.class).party();
                    return staff(request, (actor, store, id) -> book.hosting().noShow(actor, store, id, party));
                })
                .route("POST /stores/{storeId}/appointments/{id}/cancel", request -> {
                    var reason = request.rawBody().isBlank() ? null : request.body(Cancellation.class).reason();
                    return staff(request, (actor, store, id) -> book.hosting().cancel(actor, store, id, reason));
                })
                .route("GET /stores/{storeId}/appointment-figures", request -> ApiResponse.ok(book.reporting().of(
                        Callers.actor(request), request.path("storeId"), LocalDate.parse(request.query("from").orElseThrow()),
                        LocalDate.parse(request.query("to").orElseThrow()))))
                .errors(DomainProblems::of)
                .build();
    }

    private static Map<String, Object> publicType(AppointmentType type) {
        var row = new LinkedHashMap<String, Object>();
        row.put("id", type.id());
        row.put("name", type.name());
        row.put("durationMinutes", type.durationMinutes());
        row.put("minimumNoticeMinutes", type.minimumNoticeMinutes());
        row.put("horizonDays", type.horizonDays());
        return row;
    }

    private static Map<String, Object> agendaEntry(Appointment appointment, CustomerSummaries.Summary customer) {
        var row = new LinkedHashMap<String, Object>();
        row.put("appointment", AppointmentView.of(appointment));
        if (customer != null) row.put("customer", customer);
        return row;
    }

    private interface StaffAction {
        Appointment apply(Actor actor, String storeId, String id);
    }

    private static APIGatewayV2HTTPResponse staff(ApiRequest request, StaffAction action) {
        return view(action.apply(Callers.actor(request), request.path("storeId"), request.path("id")));
    }

    private static APIGatewayV2HTTPResponse view(Appointment appointment) {
        return ApiResponse.ok(AppointmentView.of(appointment));
    }

    private static <T> T or(T value, T fallback) {
        return value == null ? fallback : value;
    }
}
