package com.tokyoia.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.tokyoia.platform.time.SystemTime;
import com.tokyoia.testing.Http;
import com.tokyoia.testing.Http.Reply;
import com.tokyoia.testing.Http.User;
import java.time.LocalDate;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The rate limit of the expensive operations, per user, counted in Redis: the test server gives
 * it-analyst 3 calls per 3-second window (ear/pom.xml, TOKYOIA_API_RATE_LIMIT_*) and everyone else
 * far more. The call over the limit gets a 429 problem with Retry-After; after that many seconds a
 * call is admitted again; another user is not held back meanwhile.
 */
@ExtendWith(ArquillianExtension.class)
class RateLimitIT {

    @Deployment(testable = false)
    static EnterpriseArchive ear() {
        return Deployments.builtEar();
    }

    @Test
    void theCallOverTheLimitGets429WithRetryAfterAndTheNextWindowAdmitsAgain() throws Exception {
        LocalDate today = LocalDate.now(SystemTime.clock());
        String question = "/api/analytics/task_throughput?from=" + today.minusDays(1) + "&to=" + today.plusDays(1);
        Reply refused = null;
        int admitted = 0;
        for (int call = 0; call < 40 && refused == null; call++) {
            Reply reply = Http.get(User.ANALYST, question);
            if (reply.status() == 429) {
                refused = reply;
            } else {
                assertThat(reply.status()).as(reply.body()).isEqualTo(200);
                admitted++;
            }
        }
        assertThat(refused).as("a call over 3 per 3 s is refused").isNotNull();
        assertThat(admitted).isGreaterThanOrEqualTo(3);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.json().getString("type")).isEqualTo("urn:tokyo-ia:problem:rate-limited");
        assertThat(refused.json().getString("detail")).contains("it-analyst");
        long retryAfter = Long.parseLong(refused.header("Retry-After"));
        assertThat(retryAfter).isBetween(1L, 3L);

        assertThat(Http.get(User.ADMIN, question).status()).as("another user has a limit of their own").isEqualTo(200);
        Thread.sleep(retryAfter * 1000 + 300);
        Reply again = Http.get(User.ANALYST, question);
        assertThat(again.status()).as(again.body()).isEqualTo(200);
    }
}
