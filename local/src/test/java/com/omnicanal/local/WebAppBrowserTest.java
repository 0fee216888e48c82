package com.omnicanal.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The web app in a real browser (headless Chromium) on a local stack: a customer reserves and gets the SMS, staff
 * accept, prepare and hand over an order with the code from the SMS; a customer spends loyalty points and orders home
 * delivery that the shipping store works through to the carrier; staff sell from the endless aisle and read their
 * store's KPIs; a pickup order waits on a transfer that one store sends and the other receives while the customer
 * follows it; every page passes axe-core with no serious or critical violation. Screenshots of each page go to
 * target/screenshots/.
 */
class WebAppBrowserTest {
    @RegisterExtension
    static final LocalStackPerClass stack = new LocalStackPerClass();
    private static final LocalClient client = stack.client();
    private static final Pattern PICKUP_CODE = Pattern.compile("Code de retrait : ([A-Z0-9]+)");
    private static final Pattern FEEDBACK_LINK = Pattern.compile("/feedback/([A-Za-z0-9._-]+)");

    private static ChromeDriver driver;
    private static WebDriverWait wait;

    @BeforeAll
    static void openBrowser() {
        driver = Browser.start();
        wait = new WebDriverWait(driver, Duration.ofSeconds(20));
    }

    @AfterAll
    static void closeBrowser() {
        if (driver != null) driver.quit();
    }

    private static String base() {
        return "http://127.0.0.1:" + stack.running().port();
    }

    private static void open(String hash) {
        driver.get(base() + "/app/" + hash);
    }

    /** The app as a French visitor sees it (the language is kept in localStorage; headless Chromium says en-US). */
    private static void openInFrench(String hash) {
        open(hash);
        driver.executeScript("localStorage.setItem('omnicanal.lang', 'fr')");
        driver.navigate().refresh();
    }

    private static void signIn(String person) {
        openInFrench("#/signin");
        wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("button[data-person='" + person + "']"))).click();
        wait.until(ExpectedConditions.not(ExpectedConditions.urlContains("#/signin")));
    }

    private static WebElement notice() {
        return wait.until(d -> d.findElements(By.cssSelector(".notice, .problem")).stream()
                .filter(e -> !e.getText().isBlank()).findFirst().orElse(null));
    }

    @Test
    void aCustomerReservesInAStoreAndGetsTheSmsInTheLocalInbox() throws Exception {
        signIn("cust-camille");
        open("#/product/TSH-COT-BLU-M");
        wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("button[data-reserve='paris-rivoli']"))).click();

        assertThat(notice().getText()).startsWith("Réservé chez Omnicanal Paris Rivoli");
        Browser.screenshot(driver, "storefront-product-reserved");
        var reservation = client.send("GET", "/customers/me/reservations", client.token("cust-camille", "customer", null),
                null, Map.of()).body().get("items").get(0);
        var reference = reservation.get("id").asText().substring(reservation.get("id").asText().length() - 6);

        driver.get(base() + "/_local/inbox");
        wait.withTimeout(Duration.ofSeconds(30)).until(d -> {
            d.navigate().refresh();
            return d.findElement(By.tagName("body")).getText().contains("Réf. " + reference);
        });
        assertThat(driver.findElement(By.tagName("body")).getText()).contains("T-shirt coton bio bleu");
        Browser.screenshot(driver, "local-inbox");
    }

    @Test
    void staffAcceptPrepareAndHandOverAnOrderWithTheCodeFromTheSms() throws Exception {
        signIn("cust-camille");
        // her quiet hours (21:00-08:00) would hold the feedback invitation back at night: she turns them off
        open("#/profile");
        var quiet = wait.until(ExpectedConditions.elementToBeClickable(By.id("quiet")));
        if (quiet.isSelected()) quiet.click();
        driver.findElement(By.cssSelector("#profile-title ~ form button[type=submit]")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".notice"), "Enregistré."));
        var quietHours = client.get("/customers/me", client.token("cust-camille", "customer", null)).body().path("quietHours");
        assertThat(quietHours.isMissingNode() || quietHours.isNull()).as("quiet hours after saving: %s", quietHours).isTrue();
        // her birth date, for the birthday-month bonus; then taken off again, so no other test earns double on her
        ((JavascriptExecutor) driver).executeScript("arguments[0].value = '1990-06-12';"
                + " arguments[0].dispatchEvent(new Event('input', {bubbles: true}));", driver.findElement(By.id("birth")));
        assertThat(driver.findElement(By.id("birth")).getAttribute("value")).isEqualTo("1990-06-12");
        driver.findElement(By.cssSelector("#profile-title ~ form button[type=submit]")).click();
        try {
            wait.until(d -> "1990-06-12".equals(client.get("/customers/me", client.token("cust-camille", "customer", null))
                    .body().path("birthDate").asText()));
        } catch (RuntimeException e) {
            throw new AssertionError("birth date not saved; page: " + driver.findElement(By.tagName("main")).getText()
                    + "; profile: " + client.get("/customers/me", client.token("cust-camille", "customer", null)).raw().body(), e);
        }
        ((JavascriptExecutor) driver).executeScript("arguments[0].value = '';"
                + " arguments[0].dispatchEvent(new Event('input', {bubbles: true}));", driver.findElement(By.id("birth")));
        driver.findElement(By.cssSelector("#profile-title ~ form button[type=submit]")).click();
        wait.until(d -> client.get("/customers/me", client.token("cust-camille", "customer", null))
                .body().path("birthDate").asText("").isEmpty());
        var placed = camilleOrdersForPickupAtRivoli("TSH-COT-BLA-M");
        assertThat(placed).startsWith("Commande ").contains("Omnicanal Paris Rivoli");
        var orderId = placed.replaceAll("^Commande (\\S+) .*$", "$1");

        signIn("staff-lea");
        var card = By.cssSelector("li[data-order='" + orderId + "']");
        wait.until(ExpectedConditions.presenceOfElementLocated(card));
        assertThat(driver.findElement(card).getText()).contains("min");
        Browser.screenshot(driver, "staff-queue");
        clickInCard(card, "accept");
        clickInCard(card, "ready");
        var input = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("code-" + orderId)));

        // a wrong code: the API's problem title is shown, the order stays ready
        input.sendKeys("WRONG1");
        clickInCard(card, "collect");
        var problem = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".problem")));
        assertThat(problem.getText()).isNotBlank();
        assertThat(order(orderId).get("status").asText()).isEqualTo("READY");

        var code = pickupCodeFromTheSms(orderId);
        input = driver.findElement(By.id("code-" + orderId));
        input.clear();
        input.sendKeys(code);
        clickInCard(card, "collect");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".notice"), "Commande remise."));
        assertThat(order(orderId).get("status").asText()).isEqualTo("COLLECTED");
        Browser.screenshot(driver, "staff-collected");

        // the collection brings a feedback invitation; its link opens the questionnaire in the storefront
        client.send("POST", "/_local/schedules/feedbackSweeper", null, null, Map.of());
        var invitation = client.awaitInbox(i -> i.path("to").asText().equals("+33612345678")
                && FEEDBACK_LINK.matcher(i.path("text").asText()).find());
        var link = FEEDBACK_LINK.matcher(invitation.get("text").asText());
        assertThat(link.find()).isTrue();
        open("#/feedback/" + link.group(1));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("input[name='nps']")));
        // a detractor's score brings the "why?" question
        assertThat(driver.findElements(By.cssSelector("input[name='why']"))).isEmpty();
        driver.findElements(By.cssSelector("input[name='nps']")).get(5).click();
        wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("input[name='why']"))).click();
        Browser.screenshot(driver, "storefront-questionnaire");
        driver.findElement(By.cssSelector("#q-title ~ form button[type=submit]")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".notice"), "MERCI-"));
    }

    @Test
    void everyPageHasNoSeriousOrCriticalAccessibilityViolationInEitherLanguage() throws Exception {
        var pages = new LinkedHashMap<String, Map<String, String>>();
        pages.put(null, Map.of("signin", "#/signin", "storefront-search", "#/shop?q=t-shirt",
                "storefront-product", "#/product/TSH-COT-BLU-M", "feedback", "#/feedback"));
        pages.put("cust-hugo", Map.of("storefront-orders", "#/orders", "storefront-profile", "#/profile",
                "storefront-loyalty", "#/loyalty"));
        pages.put("staff-karim", Map.of("staff-queue-lyon", "#/staff", "staff-customer", "#/staff/customer",
                "staff-stock", "#/staff/stock", "staff-returns", "#/staff/returns", "staff-agenda", "#/staff/agenda",
                "staff-shipments-lyon", "#/staff/shipments", "staff-aisle", "#/staff/aisle", "staff-kpis-lyon", "#/staff/kpis",
                "staff-transfers-lyon", "#/staff/transfers"));
        pages.put("ops-demo", Map.of("ops-messages", "#/ops", "ops-dead-letters", "#/ops/dead-letters",
                "ops-questionnaires", "#/ops/questionnaires", "ops-kpis", "#/ops/kpis", "ops-transfers", "#/ops/transfers"));
        var violations = new ArrayList<String>();
        for (var who : pages.entrySet()) {
            if (who.getKey() != null) {
                signIn(who.getKey());
            } else {
                open("#/signin");
                driver.executeScript("sessionStorage.clear()");
                openInFrench("#/signin");
            }
            for (var page : who.getValue().entrySet()) {
                open(page.getValue());
                // loaded: the page's heading is there and nothing is still loading
                wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("main h1")));
                wait.until(d -> d.findElements(By.cssSelector("[aria-busy='true']")).isEmpty());
                Browser.screenshot(driver, page.getKey());
                Browser.seriousAccessibilityViolations(driver).forEach(v -> violations.add(page.getKey() + ": " + v));
            }
        }
        // the language switch turns the page into English, and axe finds nothing there either
        open("#/ops/questionnaires");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("main h1"), "Résultats"));
        new Select(driver.findElement(By.id("language"))).selectByValue("en");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("main h1"), "Questionnaire results"));
        Browser.seriousAccessibilityViolations(driver).forEach(v -> violations.add("ops-questionnaires (en): " + v));
        new Select(driver.findElement(By.id("language"))).selectByValue("fr");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("main h1"), "Résultats"));
        assertThat(violations).isEmpty();

        // the check finds what it should: a field with no label is reported
        driver.executeScript("document.querySelector('main').insertAdjacentHTML('beforeend', '<input id=unlabelled>')");
        assertThat(Browser.seriousAccessibilityViolations(driver)).anyMatch(v -> v.contains("#unlabelled"));
    }

    @Test
    void staffSeeTheDaysAppointmentWithWhoIsComingThenCheckInAndComplete() throws Exception {
        var emma = client.token("cust-emma", "customer", null);
        var paris = java.time.ZoneId.of("Europe/Paris");
        var from = java.time.LocalDate.now(paris);
        var slot = client.get("/stores/paris-rivoli/appointment-types/conseil-style/slots?from=" + from + "&to="
                + from.plusDays(6), null).body().get("items").get(0);
        var held = client.send("POST", "/appointments", emma, "{\"storeId\":\"paris-rivoli\",\"typeId\":\"conseil-style\","
                + "\"start\":\"" + slot.get("start").asText() + "\",\"contact\":{\"name\":\"Emma Wilson\","
                + "\"email\":\"emma.wilson@example.com\"}}", Map.of("Idempotency-Key", "browser-rdv-1"));
        assertThat(held.status()).as(held.raw().body()).isEqualTo(201);
        var id = held.body().get("id").asText();
        assertThat(client.send("POST", "/appointments/" + id + "/confirm", emma, null, Map.of()).status()).isEqualTo(200);

        signIn("staff-lea");
        var day = java.time.Instant.parse(slot.get("start").asText()).atZone(paris).toLocalDate();
        open("#/staff/agenda?date=" + day);
        var card = By.cssSelector("li[data-appointment='" + id + "']");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(card, "Emma Wilson"));
        clickInCard(card, "check-in");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(card, "CHECKED_IN"));
        Browser.screenshot(driver, "staff-agenda-checked-in");
        clickInCard(card, "complete");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(card, "COMPLETED"));
        assertThat(client.get("/appointments/" + id, emma).body().get("status").asText()).isEqualTo("COMPLETED");
    }

    @Test
    void aCustomerAsksForAReturnThatStaffReceiveAfterFindingHerAndCountingStock() throws Exception {
        // Hugo collected an order at Lyon République (through the API)
        var hugo = client.token("cust-hugo", "customer", null);
        var karim = client.token("staff-karim", "staff", "lyon-republique");
        var placed = client.send("POST", "/orders", hugo, "{\"lines\":[{\"sku\":\"VES-LIN-BEI-M\",\"quantity\":1}],"
                + "\"pickupStoreId\":\"lyon-republique\",\"contact\":{\"name\":\"Hugo Lefèvre\",\"phone\":\"+33698765432\"},"
                + "\"paymentAuthorization\":\"pa_browser_return\"}", Map.of("Idempotency-Key", "browser-return-1"));
        assertThat(placed.status()).as(placed.raw().body()).isEqualTo(201);
        var orderId = placed.body().get("id").asText();
        var store = "/stores/lyon-republique/orders/" + orderId;
        client.send("POST", store + "/accept", karim, null, Map.of());
        client.send("POST", store + "/ready", karim, null, Map.of());
        var code = client.get("/orders/" + orderId, hugo).body().get("pickupCode").asText();
        assertThat(client.send("POST", store + "/collect", karim, "{\"pickupCode\":\"" + code + "\"}", Map.of()).status())
                .isEqualTo(200);

        // he asks for a return on his orders page
        signIn("cust-hugo");
        open("#/orders");
        var card = "li[data-order='" + orderId + "']";
        wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector(card + " button"))).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("reason-" + orderId))).sendKeys("Trop grande");
        driver.findElement(By.cssSelector(card + " form button[type=submit]")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(card + " .notice"), "Retour "));
        var returnId = driver.findElement(By.cssSelector(card + " .notice")).getText().replaceAll("^Retour (\\S+) .*$", "$1");

        // at the store, Karim finds him by phone, counts a shelf, and receives the return
        signIn("staff-karim");
        open("#/staff/customer");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("lookup"))).sendKeys("06 98 76 54 32");
        driver.findElement(By.cssSelector("#lookup ~ button[type=submit]")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("main article"), "Hugo Lefèvre"));
        // with his loyalty balance and tier, as the till sees them
        var points = client.get("/stores/lyon-republique/customers/cust-hugo/loyalty", karim).body();
        assertThat(driver.findElement(By.cssSelector("main article [data-loyalty]")).getText())
                .contains(points.get("available").asText() + " points disponibles").contains(points.get("tier").asText());
        Browser.screenshot(driver, "staff-customer-found");

        open("#/staff/stock");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("sku-0"))).sendKeys("TSH-COT-BLU-L");
        var onHand = driver.findElement(By.id("onhand-0"));
        onHand.clear();
        onHand.sendKeys("7");
        driver.findElement(By.cssSelector("#stock-title ~ form button[type=submit]")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".notice"), "Comptage envoyé."));
        assertThat(client.available("TSH-COT-BLU-L", "lyon-republique")).isEqualTo(7);

        open("#/staff/returns");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("retid"))).sendKeys(returnId);
        driver.findElement(By.cssSelector("#retid ~ button[type=submit]")).click();
        wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("main form.card button[type=submit]"))).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("main form.card .notice"), "Retour réceptionné."));
        assertThat(client.get("/returns/" + returnId, hugo).body().get("status").asText()).isIn("RECEIVED", "REFUND_PENDING");
    }

    @Test
    void theStaffPagesFitATenInchTabletEitherWayUpWithFingerSizedControls() throws Exception {
        // Lyon has a transfer to send (Bordeaux's pickup of the linen dress) and one to receive (from the warehouse)
        var toSend = transferTo("bordeaux-sainte-catherine", "VES-LIN-BEI-M", "browser-tablet-send");
        assertThat(toSend.get("fromLocation").asText()).isEqualTo("lyon-republique");
        var toReceive = transferTo("lyon-republique", "JUP-PLI-NOI-38", "browser-tablet-receive");
        assertThat(client.send("POST", "/stores/WEB/transfers/" + toReceive.get("id").asText() + "/dispatch",
                client.token("ops-demo", "ops", null), "{\"reference\":\"CP-77002\"}", Map.of()).status()).isEqualTo(200);
        signIn("staff-karim");
        var problems = new ArrayList<String>();
        try {
            for (var size : new int[][] {{1280, 800}, {800, 1280}}) {
                driver.manage().window().setSize(new org.openqa.selenium.Dimension(size[0], size[1]));
                for (var page : new String[] {"#/staff", "#/staff/customer", "#/staff/stock", "#/staff/returns", "#/staff/agenda",
                        "#/staff/shipments", "#/staff/aisle", "#/staff/kpis", "#/staff/transfers"}) {
                    open(page);
                    wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("main h1")));
                    wait.until(d -> d.findElements(By.cssSelector("[aria-busy='true']")).isEmpty());
                    if (page.equals("#/staff/transfers")) {
                        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("ref-" + toSend.get("id").asText())));
                        wait.until(ExpectedConditions.presenceOfElementLocated(
                                By.cssSelector("article[data-transfer='" + toReceive.get("id").asText() + "'] button")));
                        Browser.screenshot(driver, "staff-transfers-tablet-" + size[0] + "x" + size[1]);
                    }
                    @SuppressWarnings("unchecked")
                    var found = (java.util.List<Object>) driver.executeScript("""
                            const out = [];
                            if (document.documentElement.scrollWidth > window.innerWidth) out.push('scrolls sideways');
                            for (const e of document.querySelectorAll('main button, main select, main input:not([type=checkbox]):not([type=radio])')) {
                              const r = e.getBoundingClientRect();
                              if (r.height > 0 && r.height < 44) out.push((e.id || e.textContent.trim()) + ' is ' + r.height + ' px high');
                            }
                            return out;
                            """);
                    found.forEach(f -> problems.add(page + " at " + size[0] + "x" + size[1] + ": " + f));
                }
                Browser.screenshot(driver, "staff-tablet-" + size[0] + "x" + size[1]);
            }
        } finally {
            driver.manage().window().setSize(new org.openqa.selenium.Dimension(1280, 900));
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void theSearchFindsWhatIsInStockNearAStore() throws Exception {
        openInFrench("#/shop");
        var query = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("q")));
        query.clear();
        query.sendKeys("t-shirt bleu");
        wait.until(d -> new Select(d.findElement(By.id("near"))).getOptions().size() > 2);
        new Select(driver.findElement(By.id("near"))).selectByValue("paris-rivoli");
        new Select(wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("radius")))).selectByValue("5");
        driver.findElement(By.cssSelector("form[role=search] button[type=submit]")).click();
        // within 5 km of Paris Rivoli: Paris Saint-Germain is there, Lyon is not
        var card = By.cssSelector("li[data-sku='TSH-COT-BLU-M'] .nearby");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(card, "Omnicanal Paris Saint-Germain"));
        assertThat(driver.findElement(card).getText()).doesNotContain("Lyon");
        assertThat(driver.getCurrentUrl()).contains("near=paris-rivoli").contains("radius=5");
        Browser.screenshot(driver, "storefront-near-a-store");
    }

    @Test
    void opsSeeTheKpiChartsWithTheirFigures() throws Exception {
        // an order placed today at Paris Saint-Germain, counted by the KPI events as it is written
        var emma = client.token("cust-emma", "customer", null);
        var placed = client.send("POST", "/orders", emma, "{\"lines\":[{\"sku\":\"TSH-COT-BLU-M\",\"quantity\":1}],"
                + "\"pickupStoreId\":\"paris-saint-germain\",\"contact\":{\"name\":\"Emma Wilson\","
                + "\"email\":\"emma.wilson@example.com\"},\"paymentAuthorization\":\"pa_browser_kpis\"}",
                Map.of("Idempotency-Key", "browser-kpis-1"));
        assertThat(placed.status()).as(placed.raw().body()).isEqualTo(201);

        // counted from the outbox stream a moment later: wait for the API to have it, then the page must show it
        var ops = client.token("ops-demo", "ops", null);
        var today = java.time.LocalDate.now(java.time.ZoneId.of("Europe/Paris"));
        wait.withTimeout(Duration.ofSeconds(30)).until(d -> client.get("/ops/kpis?from=" + today.minusDays(1) + "&to="
                + today.plusDays(1) + "&groupBy=store", ops).body().get("rows").findParents("store").stream()
                .anyMatch(r -> r.path("store").asText().equals("paris-saint-germain") && r.path("ordersPlaced").asInt() > 0));
        // and its confirmation, sent by email by the dispatcher, counted from its record's change
        wait.until(d -> client.get("/ops/kpis?from=" + today.minusDays(1) + "&to=" + today.plusDays(1) + "&groupBy=channel",
                ops).body().get("rows").findParents("channel").stream()
                .anyMatch(r -> r.path("channel").asText().equals("email") && r.path("messagesSent").asInt() > 0));

        signIn("ops-demo");
        open("#/ops/kpis");
        var figures = By.cssSelector("#orders-title ~ details table");
        wait.until(ExpectedConditions.presenceOfElementLocated(figures));
        // the last column is this week
        var cells = cellsOf(driver.findElement(figures), "paris-saint-germain");
        assertThat(cells).isNotEmpty();
        assertThat(cells.get(cells.size() - 1)).matches("[1-9][0-9]*");
        var messages = By.cssSelector("#messages-title ~ details table");
        wait.until(ExpectedConditions.presenceOfElementLocated(messages));
        var sent = cellsOf(driver.findElement(messages), "email — envoyés");
        assertThat(sent.get(sent.size() - 1)).matches("[1-9][0-9]*");
        // nine charts drawn by Chart.js (messages, STOP rate and points among them), each canvas named for screen readers
        wait.until(d -> d.findElements(By.cssSelector("figure.chart canvas")).size() == 9);
        for (var canvas : driver.findElements(By.cssSelector("figure.chart canvas"))) {
            assertThat(canvas.getAttribute("aria-label")).isNotBlank();
            assertThat(canvas.getSize().getHeight()).isGreaterThan(100);
        }
        assertThat((Boolean) driver.executeScript("return typeof globalThis.Chart === 'function'")).isTrue();
        Browser.screenshot(driver, "ops-kpis-charts");
    }

    @Test
    void aCustomerSpendsPointsForACodeAndSeesItAtOnce() throws Exception {
        var hugo = client.token("cust-hugo", "customer", null);
        var before = client.get("/customers/me/loyalty", hugo).body();
        assertThat(before.get("available").asLong()).as("the demo's history gives Hugo points").isGreaterThanOrEqualTo(100);

        signIn("cust-hugo");
        open("#/loyalty");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("[data-points-available]"),
                String.valueOf(before.get("available").asLong())));
        assertThat(driver.findElement(By.cssSelector("[data-tier]")).getText()).isEqualTo(before.get("tier").asText());
        // the ledger names where the points came from: the demo's till receipt
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#ledger-title ~ .scroll table"),
                "Ticket de caisse LYO-REP-DEMO-0004"));

        // more than he has: the API's problem title, nothing spent
        var points = driver.findElement(By.id("spend-points"));
        points.clear();
        points.sendKeys("1000000");
        driver.findElement(By.cssSelector("#spend-title ~ button[type=submit]")).click();
        var refused = client.send("POST", "/customers/me/loyalty/rewards", hugo, "{\"points\":1000000}",
                Map.of("Idempotency-Key", "browser-spend-too-much"));
        assertThat(refused.status()).isEqualTo(409);
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#spend-title ~ .problem"),
                refused.body().get("title").asText()));
        assertThat(client.get("/customers/me/loyalty", hugo).body().get("available").asLong())
                .isEqualTo(before.get("available").asLong());

        points.clear();
        points.sendKeys("100");
        // with the keyboard alone
        tabTo("#spend-title ~ button[type=submit]");
        driver.switchTo().activeElement().sendKeys(Keys.ENTER);
        var code = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[data-reward-code]"))).getText();
        assertThat(code).isNotBlank();
        var after = client.get("/customers/me/loyalty", hugo).body();
        assertThat(after.get("available").asLong()).isEqualTo(before.get("available").asLong() - 100);
        // the page shows the new balance and the spending in the ledger, with the code as its source
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("[data-points-available]"),
                String.valueOf(after.get("available").asLong())));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#ledger-title ~ .scroll table"), code));
        Browser.screenshot(driver, "storefront-loyalty-code");
        assertThat(Browser.seriousAccessibilityViolations(driver)).isEmpty();
        assertThat(seriousViolationsInEnglish(
                ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("main h1"), "My loyalty"),
                ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#ledger-title ~ .scroll table"), "Spent")))
                .isEmpty();
    }

    @Test
    void aCustomerOrdersHomeDeliveryThatTheShippingStoreShipsAndSeesTheTracking() throws Exception {
        signIn("cust-camille");
        open("#/product/PUL-LAI-ECR-S");
        wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("input[name=fulfilment][value=delivery]"))).click();
        // the recipient's name comes from her profile; she gives a Lyon address
        wait.until(ExpectedConditions.attributeToBe(By.id("home-name"), "value", "Camille Martin"));
        driver.findElement(By.id("home-street")).sendKeys("12 rue de la République");
        driver.findElement(By.id("home-postcode")).sendKeys("69002");
        driver.findElement(By.id("home-city")).sendKeys("Lyon");
        driver.findElement(By.cssSelector("input[name=home-option][value=EXPRESS]")).click();
        assertThat(Browser.seriousAccessibilityViolations(driver)).isEmpty();
        Browser.screenshot(driver, "storefront-home-delivery");
        driver.findElement(By.cssSelector("#delivery-title ~ button[type=submit]")).click();
        var placed = notice().getText();
        assertThat(placed).startsWith("Commande ").contains("colis");
        var orderId = placed.replaceAll("^Commande (\\S+) .*$", "$1");

        // routing sends it from the Lyon store (nearest with the jumper above its safety stock)
        var ops = client.token("ops-demo", "ops", null);
        var order = client.get("/delivery-orders/" + orderId, ops).body();
        assertThat(order.get("option").asText()).isEqualTo("EXPRESS");
        var shipment = order.get("shipments").get(0);
        assertThat(shipment.get("locationId").asText()).isEqualTo("lyon-republique");
        var shipmentId = shipment.get("id").asText();

        signIn("staff-karim");
        open("#/staff/shipments");
        var card = By.cssSelector("li[data-shipment='" + shipmentId + "']");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(card, "OFFERED"));
        assertThat(driver.findElement(card).getText()).contains("PUL-LAI-ECR-S");
        Browser.screenshot(driver, "staff-shipments");
        assertThat(Browser.seriousAccessibilityViolations(driver)).isEmpty();
        clickInCard(card, "accept");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(card, "ACCEPTED"));
        clickInCard(card, "pick");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(card, "PICKED"));
        clickInCard(card, "pack");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(card, "PACKED"));
        // a tracking reference the API refuses: its problem title, the parcel stays packed
        var tracking = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("tracking-" + shipmentId)));
        driver.executeScript("arguments[0].removeAttribute('pattern')", tracking);
        tracking.sendKeys("6A 1");
        clickInCard(card, "hand-over");
        var problem = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#ship-title ~ .problem")));
        assertThat(problem.getText()).isNotBlank();
        assertThat(client.get("/delivery-orders/" + orderId, ops).body().get("shipments").get(0).get("status").asText())
                .isEqualTo("PACKED");
        tracking = driver.findElement(By.id("tracking-" + shipmentId));
        // typed over the refused one (clear() fires no input event: the queue's reload after the 400 could put the
        // refused reference back in the field, and the new one would be appended to it)
        tracking.sendKeys(Keys.chord(Keys.CONTROL, "a"), "6A00000000042");
        assertThat(tracking.getAttribute("value")).isEqualTo("6A00000000042");
        clickInCard(card, "hand-over");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".notice"), "Colis remis au transporteur"));
        wait.until(ExpectedConditions.numberOfElementsToBe(card, 0));
        var shipped = client.get("/delivery-orders/" + orderId, ops).body();
        assertThat(shipped.get("status").asText()).isEqualTo("SHIPPED");

        // Camille sees the parcel's tracking in her orders
        signIn("cust-camille");
        open("#/orders");
        var tracked = By.cssSelector("[data-delivery='" + orderId + "'] [data-tracking]");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(tracked, "6A00000000042"));
        assertThat(driver.findElement(By.cssSelector("[data-delivery='" + orderId + "']")).getText())
                .contains("Colissimo").contains("SHIPPED").contains("69002 Lyon");
        Browser.screenshot(driver, "storefront-delivery-tracking");
        assertThat(Browser.seriousAccessibilityViolations(driver)).isEmpty();
    }

    @Test
    void aPickupOrderWaitsOnATransferThatOneStoreSendsAndTheOtherReceivesWhileTheCustomerFollowsIt() throws Exception {
        // Camille wants the blue T-shirt in S at Paris Rivoli, which has none: the store lacks the line
        assertThat(client.available("TSH-COT-BLU-S", "paris-rivoli")).isZero();
        signIn("cust-camille");
        var placed = camilleOrdersForPickupAtRivoli("TSH-COT-BLU-S");
        assertThat(placed).startsWith("Commande ").contains("choisissez une option");
        var orderId = placed.replaceAll("^Commande (\\S+) .*$", "$1");

        // on the order's page she confirms the transfer option
        wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("a[data-order-link]"))).click();
        var transferOption = wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("button[data-option='transfer']")));
        Browser.screenshot(driver, "storefront-order-options");
        transferOption.click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".notice"), "Option choisie"));
        var ops = client.token("ops-demo", "ops", null);
        var transfer = client.get("/ops/orders/" + orderId + "/transfers", ops).body().get("transfers").get(0);
        var transferId = transfer.get("id").asText();
        var source = transfer.get("fromLocation").asText();
        assertThat(transfer.get("status").asText()).isEqualTo("REQUESTED");
        var requested = By.cssSelector("[data-transfer-progress] [data-step='requested']");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(requested, "Demandés à " + placeName(source)));
        assertThat(driver.findElement(By.cssSelector("[data-step='sent']")).getAttribute("aria-current")).isEqualTo("step");

        // the source's staff (or ops, for the web warehouse) see it to send, with the pickup store and not the customer
        if (source.equals("WEB")) {
            signIn("ops-demo");
            open("#/ops/transfers");
        } else {
            signInAsStaffOf(source);
            open("#/staff/transfers");
        }
        var card = By.cssSelector("#to-send-title ~ ul article[data-transfer='" + transferId + "']");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(card, "Pour le retrait chez Omnicanal Paris Rivoli"));
        assertThat(driver.findElement(card).getText()).contains("T-shirt coton bio bleu").doesNotContain("Camille");
        Browser.screenshot(driver, "staff-transfers-to-send");
        assertThat(Browser.seriousAccessibilityViolations(driver)).isEmpty();
        // a reference the API refuses (the browser's own check taken off): its problem title, the transfer stays requested
        var dispatch = "/stores/" + source + "/transfers/" + transferId + "/dispatch";
        var refused = client.send("POST", dispatch, ops, "{\"reference\":\"BL 42\"}", Map.of());
        assertThat(refused.status()).isEqualTo(400);
        var reference = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("ref-" + transferId)));
        driver.executeScript("arguments[0].removeAttribute('pattern')", reference);
        reference.sendKeys("BL 42");
        clickInCard(card, "dispatch");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(cssOf(card) + " .problem"),
                refused.body().get("title").asText()));
        assertThat(transferStatus(orderId)).isEqualTo("REQUESTED");
        reference.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.BACK_SPACE, "BL-2026-0042");
        clickInCard(card, "dispatch");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".notice"), "expédiée vers Omnicanal Paris Rivoli"));
        wait.until(ExpectedConditions.numberOfElementsToBe(card, 0));
        assertThat(transferStatus(orderId)).isEqualTo("DISPATCHED");

        // Camille sees it on its way from her orders: sent, not arrived yet
        signIn("cust-camille");
        open("#/orders");
        wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("li[data-order='" + orderId + "'] a[data-order-link]"))).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("[data-step='sent'].done")));
        assertThat(driver.findElement(By.cssSelector("[data-step='arrived']")).getAttribute("aria-current")).isEqualTo("step");
        assertThat(driver.findElement(By.cssSelector("li[data-line='TSH-COT-BLU-S']")).getText()).contains("(en route)");
        // with the reference the source gave, and who moved it as a role, never a staff member's id
        assertThat(driver.findElement(By.cssSelector("[data-step='sent']")).getText()).contains("référence BL-2026-0042");
        assertThat(driver.findElements(By.cssSelector("li[data-event-by]")).stream().map(e -> e.getAttribute("data-event-by")))
                .isNotEmpty().allMatch(by -> java.util.Set.of("customer", "store", "routing", "ops").contains(by));
        Browser.screenshot(driver, "storefront-order-transfer-sent");

        // Paris Rivoli sees it coming with its reference and where from, and receives it
        signIn("staff-lea");
        open("#/staff/transfers");
        var coming = By.cssSelector("#to-receive-title ~ ul article[data-transfer='" + transferId + "']");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(coming, "BL-2026-0042"));
        // the stores' names come in their own request: wait for them rather than catch the id shown meanwhile
        wait.until(ExpectedConditions.textToBePresentInElementLocated(coming, "Envoyé par " + placeName(source)));
        Browser.screenshot(driver, "staff-transfers-to-receive");
        assertThat(Browser.seriousAccessibilityViolations(driver)).isEmpty();
        clickInCard(coming, "receive");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".notice"), "réceptionnée"));
        wait.until(ExpectedConditions.numberOfElementsToBe(coming, 0));
        assertThat(transferStatus(orderId)).isEqualTo("RECEIVED");

        // the order goes on as any other: accepted, then ready
        open("#/staff");
        var queued = By.cssSelector("li[data-order='" + orderId + "']");
        clickInCard(queued, "accept");
        clickInCard(queued, "ready");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(queued, "READY"));

        // Camille follows it: asked of the source, sent, arrived at Rivoli, ready with her code
        signIn("cust-camille");
        open("#/orders/" + orderId);
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("[data-step='ready'].done")));
        for (var step : new String[] {"requested", "sent", "arrived", "ready"}) {
            assertThat(driver.findElement(By.cssSelector("[data-step='" + step + "']")).getAttribute("class")).isEqualTo("done");
        }
        assertThat(driver.findElement(By.cssSelector("[data-transfer-progress]")).getText())
                .contains("Demandés à " + placeName(source)).contains("Arrivés chez Omnicanal Paris Rivoli");
        assertThat(driver.findElement(By.cssSelector("[data-pickup-code]")).getText())
                .isEqualTo(client.get("/orders/" + orderId, client.token("cust-camille", "customer", null)).body()
                        .get("pickupCode").asText());
        Browser.screenshot(driver, "storefront-order-transfer-progress");
        assertThat(Browser.seriousAccessibilityViolations(driver)).isEmpty();
        assertThat(seriousViolationsInEnglish(
                ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("[data-transfer-progress]"), "Arrived at")))
                .isEmpty();
    }

    @Test
    void opsSendTheWebWarehousesTransferThatTheStoreThenSeesComing() throws Exception {
        // Hugo wants the navy parka in L at Lyon République: only the web warehouse has it (through the API)
        var transfer = transferTo("lyon-republique", "PAR-IMP-MAR-L", "browser-warehouse-transfer-1");
        assertThat(transfer.get("fromLocation").asText()).isEqualTo("WEB");
        var transferId = transfer.get("id").asText();
        var orderId = transfer.get("orderId").asText();

        signIn("ops-demo");
        open("#/ops/transfers");
        var card = By.cssSelector("#to-send-title ~ ul article[data-transfer='" + transferId + "']");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(card, "Pour le retrait chez Omnicanal Lyon République"));
        assertThat(driver.findElement(By.cssSelector("main h1")).getText()).isEqualTo("Transferts de l’entrepôt web");
        // the warehouse never receives a pickup order's goods: no list to receive
        assertThat(driver.findElements(By.id("to-receive-title"))).isEmpty();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("ref-" + transferId))).sendKeys("CP-88001");
        clickInCard(card, "dispatch");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".notice"), "référence CP-88001"));
        assertThat(transferStatus(orderId)).isEqualTo("DISPATCHED");

        signIn("staff-karim");
        open("#/staff/transfers");
        var coming = By.cssSelector("#to-receive-title ~ ul article[data-transfer='" + transferId + "']");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(coming, "Envoyé par l’entrepôt web"));
        assertThat(driver.findElement(coming).getText()).contains("CP-88001");
    }

    @Test
    void theSourceRefusesATransferWithAReasonAndItNeverComesBackToIt() throws Exception {
        // Bordeaux's pickup of the linen dress, which Lyon République is asked to send (through the API)
        var transfer = transferTo("bordeaux-sainte-catherine", "VES-LIN-BEI-M", "browser-refuse-transfer");
        var transferId = transfer.get("id").asText();
        var orderId = transfer.get("orderId").asText();
        var source = transfer.get("fromLocation").asText();

        signInAsStaffOf(source);
        open("#/staff/transfers");
        var card = By.cssSelector("#to-send-title ~ ul article[data-transfer='" + transferId + "']");
        wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("article[data-transfer='" + transferId
                + "'] details summary"))).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("why-" + transferId))).sendKeys("robe abîmée");
        clickInCard(card, "refuse");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".notice"), "refusé"));
        wait.until(ExpectedConditions.invisibilityOfElementLocated(card));

        var transfers = client.get("/ops/orders/" + orderId + "/transfers", client.token("ops-demo", "ops", null)).body()
                .get("transfers");
        JsonNode refused = null;
        for (var t : transfers) {
            if (t.get("id").asText().equals(transferId)) refused = t;
            // routed again, or the order rejected with nothing left: never back to the place that refused
            else assertThat(t.get("fromLocation").asText()).isNotEqualTo(source);
        }
        assertThat(refused).isNotNull();
        assertThat(refused.get("status").asText()).isEqualTo("REFUSED");
        assertThat(refused.toString()).contains("robe abîmée");
    }

    /** Hugo's pickup order of a line the store lacks, its transfer option confirmed (API): the transfer it made. */
    private static JsonNode transferTo(String store, String sku, String key) {
        var hugo = client.token("cust-hugo", "customer", null);
        var placed = client.send("POST", "/orders", hugo, "{\"lines\":[{\"sku\":\"" + sku + "\",\"quantity\":1}],"
                + "\"pickupStoreId\":\"" + store + "\",\"contact\":{\"name\":\"Hugo Lefèvre\",\"phone\":\"+33698765432\"},"
                + "\"paymentAuthorization\":\"pa_" + key.replace('-', '_') + "\"}", Map.of("Idempotency-Key", key));
        assertThat(placed.status()).as(placed.raw().body()).isEqualTo(201);
        var orderId = placed.body().get("id").asText();
        var confirmed = client.send("POST", "/orders/" + orderId + "/confirm-option", hugo, "{\"optionId\":\"transfer\"}",
                Map.of("Idempotency-Key", key + "-confirm"));
        assertThat(confirmed.status()).as(confirmed.raw().body()).isEqualTo(200);
        return client.get("/ops/orders/" + orderId + "/transfers", client.token("ops-demo", "ops", null)).body()
                .get("transfers").get(0);
    }

    /** Signs in as a demo staff member of the store, or (no demo person works there) with a token for a colleague. */
    private static void signInAsStaffOf(String store) {
        var demo = Map.of("paris-rivoli", "staff-lea", "lyon-republique", "staff-karim");
        if (demo.containsKey(store)) {
            signIn(demo.get(store));
            return;
        }
        openInFrench("#/signin");
        driver.executeScript("sessionStorage.setItem('omnicanal.session', JSON.stringify({token: arguments[0],"
                + " sub: 'staff-ines', role: 'staff', storeId: arguments[1], name: 'Inès'}))",
                client.token("staff-ines", "staff", store), store);
    }

    /** A place's name as the pages show it: the web warehouse, or the store's name. */
    private static String placeName(String location) {
        if (location.equals("WEB")) return "l’entrepôt web";
        for (var store : client.get("/stores", null).body().get("items")) {
            if (store.get("id").asText().equals(location)) return store.get("name").asText();
        }
        throw new AssertionError("no store " + location);
    }

    private static String transferStatus(String orderId) {
        return client.get("/ops/orders/" + orderId + "/transfers", client.token("ops-demo", "ops", null)).body()
                .get("transfers").get(0).get("status").asText();
    }

    @Test
    void aCustomerCancelsHerDeliveryOrderWhileNoParcelIsPickedAndTheButtonIsGoneOnceOneIs() throws Exception {
        var camille = client.token("cust-camille", "customer", null);
        var ops = client.token("ops-demo", "ops", null);
        var body = "{\"lines\":[{\"sku\":\"SAC-CUI-CAM\",\"quantity\":1}],\"address\":{\"name\":\"Camille Martin\","
                + "\"street\":\"3 quai Saint-Antoine\",\"postcode\":\"69002\",\"city\":\"Lyon\",\"country\":\"FR\"},"
                + "\"deliveryOption\":\"STANDARD\",\"contact\":{\"name\":\"Camille Martin\",\"phone\":\"+33612345678\"},"
                + "\"paymentAuthorization\":\"pa_browser_cancel\"}";
        var toCancel = client.send("POST", "/delivery-orders", camille, body, Map.of("Idempotency-Key", "browser-cancel-1"));
        assertThat(toCancel.status()).as(toCancel.raw().body()).isEqualTo(201);
        var picked = client.send("POST", "/delivery-orders", camille, body, Map.of("Idempotency-Key", "browser-cancel-2"));
        assertThat(picked.status()).as(picked.raw().body()).isEqualTo(201);
        var parcel = picked.body().get("shipments").get(0);
        var queue = "/stores/" + parcel.get("locationId").asText() + "/shipments/" + parcel.get("id").asText();
        for (var step : List.of("accept", "pick")) {
            assertThat(client.send("POST", queue + "/" + step, ops, null, Map.of()).status()).isEqualTo(200);
        }
        var id = toCancel.body().get("id").asText();

        signIn("cust-camille");
        open("#/orders");
        var card = "[data-delivery='" + id + "']";
        wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector(card + " button[data-cancel-delivery]")));
        // the picked one offers no cancel: the store has started preparing it
        wait.until(ExpectedConditions.textToBePresentInElementLocated(
                By.cssSelector("[data-delivery='" + picked.body().get("id").asText() + "']"), "PICKED"));
        assertThat(driver.findElements(By.cssSelector("[data-delivery='" + picked.body().get("id").asText()
                + "'] button[data-cancel-delivery]"))).isEmpty();
        driver.findElement(By.cssSelector(card + " button[data-cancel-delivery]")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#deliveries-title ~ .notice"), "Commande annulée"));
        wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector(card + " button[data-cancel-delivery]"), 0));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(card), "CANCELLED"));
        assertThat(client.get("/delivery-orders/" + id, ops).body().get("status").asText()).isEqualTo("CANCELLED");
        assertThat(Browser.seriousAccessibilityViolations(driver)).isEmpty();
    }

    @Test
    void staffRejectAShipmentWithAReasonAndItIsRoutedElsewhere() throws Exception {
        var camille = client.token("cust-camille", "customer", null);
        var placed = client.send("POST", "/delivery-orders", camille, "{\"lines\":[{\"sku\":\"PUL-LAI-ECR-M\",\"quantity\":1}],"
                + "\"address\":{\"name\":\"Camille Martin\",\"street\":\"3 quai Saint-Antoine\",\"postcode\":\"69002\","
                + "\"city\":\"Lyon\",\"country\":\"FR\"},\"deliveryOption\":\"STANDARD\",\"contact\":{\"name\":\"Camille Martin\",\"phone\":\"+33612345678\"},"
                + "\"paymentAuthorization\":\"pa_browser_reject\"}", Map.of("Idempotency-Key", "browser-reject-1"));
        assertThat(placed.status()).as(placed.raw().body()).isEqualTo(201);
        var orderId = placed.body().get("id").asText();
        var shipment = placed.body().get("shipments").get(0);
        assertThat(shipment.get("locationId").asText()).isEqualTo("lyon-republique");

        signIn("staff-karim");
        open("#/staff/shipments");
        var card = "li[data-shipment='" + shipment.get("id").asText() + "']";
        wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector(card + " details summary"))).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("reason-" + shipment.get("id").asText())))
                .sendKeys("pull taché");
        driver.findElement(By.cssSelector(card + " button[data-action='reject']")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".notice"), "Expédition refusée"));
        var order = client.get("/delivery-orders/" + orderId, client.token("ops-demo", "ops", null)).body();
        var rejected = order.get("shipments").findParents("id").stream()
                .filter(s -> s.get("id").asText().equals(shipment.get("id").asText())).findFirst().orElseThrow();
        assertThat(rejected.get("status").asText()).isEqualTo("REJECTED");
        assertThat(rejected.get("timeline").toString()).contains("pull taché");
        // routed again at once, never back to Lyon
        assertThat(order.get("shipments").findParents("locationId").stream()
                .filter(s -> !s.get("status").asText().equals("REJECTED")).map(s -> s.get("locationId").asText()))
                .isNotEmpty().doesNotContain("lyon-republique");
    }

    @Test
    void staffSellWhatTheStoreLacksFromTheEndlessAisleForTheCustomerInFrontOfThem() throws Exception {
        signIn("staff-lea");
        open("#/staff/aisle");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("aisle-lookup"))).sendKeys("06 98 76 54 32");
        driver.findElement(By.cssSelector("#aisle-lookup ~ button[type=submit]")).click();
        // Hugo, with his loyalty balance; his name fills the address and his phone the contact
        var found = By.cssSelector("[data-customer='cust-hugo']");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(found, "Hugo Lefèvre"));
        var loyalty = client.get("/stores/paris-rivoli/customers/cust-hugo/loyalty", client.token("staff-lea", "staff", "paris-rivoli")).body();
        assertThat(driver.findElement(found).getText()).contains(loyalty.get("available").asText() + " points disponibles");
        assertThat(driver.findElement(By.id("aisle-name")).getAttribute("value")).isEqualTo("Hugo Lefèvre");
        assertThat(driver.findElement(By.id("aisle-cphone")).getAttribute("value")).isEqualTo("06 98 76 54 32");
        // Paris Rivoli has no blue T-shirt in S: it ships from elsewhere
        assertThat(client.available("TSH-COT-BLU-S", "paris-rivoli")).isZero();
        driver.findElement(By.id("aisle-sku-0")).sendKeys("tsh-cot-blu-s", Keys.TAB);
        // once typed, the SKU says what it is and where it is: none here
        var product = client.get("/stock/TSH-COT-BLU-S", null).body().get("productName").asText();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("aisle-hint-0"), product + " · 0 ici"));
        driver.findElement(By.cssSelector("#aisle-items ~ div.inline button")).click();
        // an unknown SKU: the API's problem title beside it
        var unknown = client.get("/stock/NOPE-404", null);
        assertThat(unknown.status()).isEqualTo(404);
        var second = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("aisle-sku-1")));
        second.sendKeys("NOPE-404", Keys.TAB);
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#aisle-hint-1 .problem"),
                unknown.body().get("title").asText()));
        // corrected as a person does, with keys (clear() would leave the app's state behind the field)
        second.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.BACK_SPACE, "ECH-LAI-GRI", Keys.TAB);
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#aisle-hint-1[data-sku-hint]")));
        driver.findElement(By.id("aisle-street")).sendKeys("8 rue de la Roquette");
        driver.findElement(By.id("aisle-postcode")).sendKeys("75011");
        driver.findElement(By.id("aisle-city")).sendKeys("Paris");
        driver.findElement(By.id("aisle-payment")).sendKeys("pa_tablet_aisle_1");
        assertThat(Browser.seriousAccessibilityViolations(driver)).isEmpty();
        driver.findElement(By.cssSelector("#aisle-items ~ button[type=submit]")).click();
        var placed = notice().getText();
        assertThat(placed).startsWith("Commande ").contains("livrée à domicile");
        var orderId = placed.replaceAll("^Commande (\\S+) .*$", "$1");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("[data-delivery='" + orderId + "']")));
        Browser.screenshot(driver, "staff-endless-aisle");

        var order = client.get("/delivery-orders/" + orderId, client.token("ops-demo", "ops", null)).body();
        assertThat(order.get("customerId").asText()).isEqualTo("cust-hugo");
        assertThat(order.get("soldBy").get("storeId").asText()).isEqualTo("paris-rivoli");
        assertThat(order.get("soldBy").get("staffId").asText()).isEqualTo("staff-lea");
        assertThat(order.get("lines").findValuesAsText("sku")).containsExactlyInAnyOrder("TSH-COT-BLU-S", "ECH-LAI-GRI");
    }

    @Test
    void staffSeeTheirStoresKpisAndTheProblemForAnotherStore() throws Exception {
        // an order placed today at Lyon République, counted by the KPI events a moment later
        var hugo = client.token("cust-hugo", "customer", null);
        var karim = client.token("staff-karim", "staff", "lyon-republique");
        var placed = client.send("POST", "/orders", hugo, "{\"lines\":[{\"sku\":\"TSH-COT-BLA-L\",\"quantity\":1}],"
                + "\"pickupStoreId\":\"lyon-republique\",\"contact\":{\"name\":\"Hugo Lefèvre\",\"phone\":\"+33698765432\"},"
                + "\"paymentAuthorization\":\"pa_browser_store_kpis\"}", Map.of("Idempotency-Key", "browser-store-kpis-1"));
        assertThat(placed.status()).as(placed.raw().body()).isEqualTo(201);
        var today = java.time.LocalDate.now(java.time.ZoneId.of("Europe/Paris"));
        var query = "/ops/kpis?from=" + today.minusDays(55) + "&to=" + today + "&groupBy=store";
        wait.withTimeout(Duration.ofSeconds(30)).until(d -> client.get(query, karim).body().get("rows").findParents("store")
                .stream().anyMatch(r -> r.path("ordersPlaced").asInt() > 0));

        signIn("staff-karim");
        // the period's orders as the API counts them (other tests' events may still be counted: compare with what it says now)
        var orders = By.cssSelector("li[data-kpi='ordersPlaced'] strong");
        String expected = null;
        String shown = null;
        for (int attempt = 0; attempt < 10 && (shown == null || !shown.equals(expected)); attempt++) {
            expected = client.get(query, karim).body().get("rows").get(0).get("ordersPlaced").asText();
            open("#/staff/kpis");
            shown = wait.until(ExpectedConditions.visibilityOfElementLocated(orders)).getText();
        }
        assertThat(shown).isEqualTo(expected);
        assertThat(driver.findElement(By.cssSelector("main h1")).getText()).contains("Lyon");
        wait.until(d -> d.findElements(By.cssSelector("figure.chart canvas")).size() == 5);
        // the month's sales report: four ways of fulfilment and the total, as the API counts them
        var sold = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("tr[data-sales='sold'] td")));
        assertThat(driver.findElements(By.cssSelector("tr[data-sales]")).size()).isGreaterThanOrEqualTo(5);
        assertThat(sold.getText()).isEqualTo(client.get("/stores/lyon-republique/reports/sales", karim).body()
                .get("sold").get("orders").asText());
        assertThat(driver.findElement(By.cssSelector("#sales-month")).getAttribute("value")).matches("\\d{4}-\\d{2}");
        Browser.screenshot(driver, "staff-kpis");
        assertThat(Browser.seriousAccessibilityViolations(driver)).isEmpty();

        // another store's figures: the API's problem title, no figures
        var refused = client.get("/ops/kpis?from=" + today.minusDays(55) + "&to=" + today + "&storeId=paris-rivoli", karim);
        assertThat(refused.status()).isEqualTo(403);
        open("#/staff/kpis?store=paris-rivoli");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("main .problem"),
                refused.body().get("title").asText()));
        // the own store's figures, still on screen while the other store's are asked for, go once the 403 is in
        wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("li[data-kpi]"), 0));
        wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("tr[data-sales]"), 0));
    }

    /** The cells of the table row whose header is the given store (textContent: the table sits in closed details). */
    private static java.util.List<String> cellsOf(WebElement table, String store) {
        for (var row : table.findElements(By.cssSelector("tbody tr"))) {
            if (row.findElement(By.tagName("th")).getAttribute("textContent").trim().equals(store)) {
                return row.findElements(By.tagName("td")).stream().map(c -> c.getAttribute("textContent").trim()).toList();
            }
        }
        return java.util.List.of();
    }

    @Test
    void aCustomerSignsInAndReservesWithTheKeyboardAlone() {
        openInFrench("#/signin");
        driver.executeScript("sessionStorage.clear()");
        openInFrench("#/signin");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("button[data-person='cust-emma']")));
        tabTo("button[data-person='cust-emma']");
        driver.switchTo().activeElement().sendKeys(Keys.ENTER);
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("header .who"), "Emma Wilson"));

        open("#/product/TSH-COT-BLU-S");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("button[data-reserve]")));
        var store = driver.findElement(By.cssSelector("button[data-reserve]")).getAttribute("data-reserve");
        tabTo("button[data-reserve='" + store + "']");
        driver.switchTo().activeElement().sendKeys(Keys.ENTER);
        assertThat(notice().getText()).startsWith("Réservé chez ");
    }

    /** Presses Tab from the top of the page until the element is focused (at most 60 times). */
    private static void tabTo(String css) {
        driver.executeScript("document.activeElement && document.activeElement.blur(); window.scrollTo(0, 0)");
        var target = driver.findElement(By.cssSelector(css));
        for (int i = 0; i < 60; i++) {
            new org.openqa.selenium.interactions.Actions(driver).sendKeys(Keys.TAB).perform();
            if (driver.switchTo().activeElement().equals(target)) return;
        }
        throw new AssertionError(css + " cannot be reached with the Tab key");
    }

    @Test
    void frenchAndEnglishHaveTheSameWords() {
        open("#/shop");
        @SuppressWarnings("unchecked")
        var missing = (java.util.List<Object>) driver.executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                import('./i18n.js').then(({ dictionaries: { fr, en } }) => done([
                  ...Object.keys(fr).filter(k => !(k in en)).map(k => 'en lacks ' + k),
                  ...Object.keys(en).filter(k => !(k in fr)).map(k => 'fr lacks ' + k)]));
                """);
        assertThat(missing).isEmpty();
    }

    /** Camille (signed in) orders one unit for pickup at Paris Rivoli on the product's page: the message she reads. */
    private static String camilleOrdersForPickupAtRivoli(String sku) {
        open("#/product/" + sku);
        // the order form fills in from the profile: pickup at her home store, her phone for the SMS
        wait.until(ExpectedConditions.attributeToBe(By.id("cphone"), "value", "+33612345678"));
        new Select(driver.findElement(By.id("pickup"))).selectByValue("paris-rivoli");
        driver.findElement(By.cssSelector("#order-title ~ button[type=submit]")).click();
        return notice().getText();
    }

    /** axe's serious violations of the page in English once it is loaded; then back to French (kept for the next test). */
    private static java.util.List<String> seriousViolationsInEnglish(
            org.openqa.selenium.support.ui.ExpectedCondition<?>... loaded) throws java.io.IOException {
        new Select(driver.findElement(By.id("language"))).selectByValue("en");
        for (var condition : loaded) wait.until(condition);
        var english = Browser.seriousAccessibilityViolations(driver);
        new Select(driver.findElement(By.id("language"))).selectByValue("fr");
        return english;
    }

    private static void clickInCard(By card, String action) {
        wait.until(ExpectedConditions.elementToBeClickable(
                By.cssSelector(cssOf(card) + " button[data-action='" + action + "']"))).click();
    }

    private static String cssOf(By by) {
        return by.toString().replaceFirst("^By\\.cssSelector: ", "");
    }

    private static JsonNode order(String id) {
        return client.send("GET", "/orders/" + id, client.token("ops-demo", "ops", null), null, Map.of()).body();
    }

    /** The pickup code as the customer reads it in the SMS the order's readiness sent (the dispatcher runs apart). */
    private static String pickupCodeFromTheSms(String orderId) {
        var reference = orderId.substring(orderId.length() - 6);
        return wait.withTimeout(Duration.ofSeconds(30)).until(d -> {
            for (var item : client.send("GET", "/_local/inbox.json", null, null, Map.of()).body().get("items")) {
                var text = item.path("text").asText();
                var matcher = PICKUP_CODE.matcher(text);
                if (text.contains(reference) && matcher.find()) return matcher.group(1);
            }
            return null;
        });
    }
}
