package com.tokyoia.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.tokyoia.it.fuzz.JaxRsOperations;
import com.tokyoia.testing.Http;
import com.tokyoia.testing.Http.Reply;
import com.tokyoia.testing.Http.User;
import com.tokyoia.testing.TestDatabase;
import jakarta.annotation.security.RolesAllowed;
import java.lang.reflect.Method;
import java.net.URI;
import java.time.Duration;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Who may call what, cell by cell: every operation the JAX-RS resources declare, called as nobody
 * and as a user of each role. The expected answer of each cell comes from the operation's own
 * {@code @RolesAllowed}: without credentials a 401, with a role it does not admit a 403, with one it
 * admits anything but 401 and 403 (the requests carry invalid values, so an admitted call is refused
 * by validation and changes nothing). An operation without a rule fails the test.
 */
@ExtendWith(ArquillianExtension.class)
class AccessMatrixIT {
    private static final Map<String, User> CALLERS = new LinkedHashMap<>();
    /**
     * Operations with neither a parameter nor a body: an admitted call would start the job for real,
     * so their admitted cells are not called (their refused cells are).
     */
    private static final Set<String> NOTHING_TO_MAKE_INVALID = Set.of("POST /api/etl/retention", "POST /api/etl/storage-classes");

    static {
        CALLERS.put("anonymous", User.ANONYMOUS);
        CALLERS.put("ingest", User.INGEST);
        CALLERS.put("viewer", User.VIEWER);
        CALLERS.put("analyst", User.ANALYST);
        CALLERS.put("admin", User.ADMIN);
    }

    @Deployment(testable = false)
    static EnterpriseArchive ear() {
        return Deployments.builtEar();
    }

    @Test
    void everyOperationAdmitsExactlyTheRolesItDeclares() throws Exception {
        Map<String, Method> operations = JaxRsOperations.methods("com.tokyoia.web.interfaces.rest");
        assertThat(operations).hasSizeGreaterThanOrEqualTo(48);
        List<String> withoutRule = new ArrayList<>();
        List<String> wrong = new ArrayList<>();
        List<String> notCalled = new ArrayList<>();
        int cells = 0;
        for (Map.Entry<String, Method> operation : operations.entrySet()) {
            RolesAllowed rule = operation.getValue().getAnnotation(RolesAllowed.class);
            if (rule == null) {
                rule = operation.getValue().getDeclaringClass().getAnnotation(RolesAllowed.class);
            }
            if (rule == null) {
                withoutRule.add(operation.getKey());
                continue;
            }
            Set<String> admitted = Set.of(rule.value());
            for (Map.Entry<String, User> caller : CALLERS.entrySet()) {
                boolean anonymous = caller.getValue().name() == null;
                boolean admits = !anonymous && admitted.contains(caller.getKey());
                if (admits && NOTHING_TO_MAKE_INVALID.contains(operation.getKey())) {
                    notCalled.add(operation.getKey() + " as " + caller.getKey());
                    continue;
                }
                Reply reply = call(caller.getValue(), operation.getKey());
                cells++;
                boolean right = anonymous ? reply.status() == 401 : admits ? reply.status() != 401 && reply.status() != 403
                        : reply.status() == 403;
                if (!right) {
                    wrong.add(operation.getKey() + " as " + caller.getKey() + " (admits " + admitted + "): " + reply.status() + " " + reply.body());
                } else if (reply.status() == 401 || reply.status() == 403) {
                    assertThat(reply.contentType()).as(operation.getKey() + " as " + caller.getKey()).startsWith("application/problem+json");
                }
            }
        }
        assertThat(withoutRule).as("operations that name no roles (DenyUnlistedOperations refuses them to everyone)").isEmpty();
        assertThat(wrong).as("cells that do not answer as the rule says").isEmpty();
        assertThat(notCalled).hasSize(2).allMatch(cell -> cell.endsWith(" as admin"));
        assertThat(cells).isGreaterThanOrEqualTo(48 * CALLERS.size() - notCalled.size());
    }

    @Test
    void aRefusedAdminCallIsAuditedWithTheCallersNameAndAddress() throws Exception {
        String refused = "SELECT count(*) FROM audit_log WHERE action = 'access.refused' AND actor = 'it-viewer' "
                + "AND entity_id = 'POST /api/etl/backfill' AND details = '403 POST /api/etl/backfill from 127.0.0.1'";
        long before = TestDatabase.count(refused);
        Reply reply = Http.post(User.VIEWER, "/api/etl/backfill", "{\"from\":\"2020-01-01\",\"tables\":\"agent_tasks\"}");
        assertThat(reply.status()).as(reply.body()).isEqualTo(403);
        assertThat(TestDatabase.count("SELECT count(*) FROM export_manifest WHERE day = '2020-01-01'")).as("nothing started").isZero();
        // The audit writer is asynchronous.
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (TestDatabase.count(refused) == before && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        assertThat(TestDatabase.count(refused)).isEqualTo(before + 1);
    }

    /** The operation with invalid values: path parameters that are no id, day or name, a body that is no JSON, an unknown alert. */
    private static Reply call(User user, String operation) {
        String method = operation.substring(0, operation.indexOf(' '));
        String path = operation.substring(operation.indexOf(' ') + 1).replaceAll("\\{\\w+}", "not-a-valid-value");
        if (path.equals("/api/alerts/check")) {
            path += "?alert=not-a-valid-alert";
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(Http.APP + path));
        request = switch (method) {
            case "GET" -> request.GET();
            case "POST", "PUT" -> request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString("{"));
            default -> throw new IllegalStateException("no invalid call for " + operation);
        };
        return Http.send(user, request);
    }
}
