package com.omnicanal.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The web app in a real browser (headless Chromium) on a local stack: a customer reserves and gets the SMS, staff
 * accept, prepare and hand over an order with the code from the SMS, every page passes axe-core with no serious or
 * critical violation. Screenshots of each page go to target/screenshots/.
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
        open("#/product/TSH-COT-BLA-M");
        // the order form fills in from the profile: pickup at her home store, her phone for the SMS
        wait.until(ExpectedConditions.attributeToBe(By.id("cphone"), "value", "+33612345678"));
        new Select(driver.findElement(By.id("pickup"))).selectByValue("paris-rivoli");
        driver.findElement(By.cssSelector("#order-title ~ button[type=submit]")).click();
        var placed = notice().getText();
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
        pages.put("cust-hugo", Map.of("storefront-orders", "#/orders", "storefront-profile", "#/profile"));
        pages.put("staff-karim", Map.of("staff-queue-lyon", "#/staff", "staff-customer", "#/staff/customer",
                "staff-stock", "#/staff/stock", "staff-returns", "#/staff/returns", "staff-agenda", "#/staff/agenda"));
        pages.put("ops-demo", Map.of("ops-messages", "#/ops", "ops-dead-letters", "#/ops/dead-letters",
                "ops-questionnaires", "#/ops/questionnaires", "ops-kpis", "#/ops/kpis"));
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
        signIn("staff-karim");
        var problems = new ArrayList<String>();
        try {
            for (var size : new int[][] {{1280, 800}, {800, 1280}}) {
                driver.manage().window().setSize(new org.openqa.selenium.Dimension(size[0], size[1]));
                for (var page : new String[] {"#/staff", "#/staff/customer", "#/staff/stock", "#/staff/returns", "#/staff/agenda"}) {
                    open(page);
                    wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("main h1")));
                    wait.until(d -> d.findElements(By.cssSelector("[aria-busy='true']")).isEmpty());
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
