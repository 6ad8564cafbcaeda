package com.tokyoia.web.interfaces.servlet;

import com.tokyoia.web.application.AuditTrail;
import com.tokyoia.web.application.LoginFailures;
import jakarta.inject.Inject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.spi.JsonProvider;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.Semaphore;
import java.util.regex.Pattern;

/**
 * The error page (WEB-INF/web.xml) for errors the container reports before the API sees the
 * request, such as a path whose percent-encoding is not UTF-8: RESTEasy answers those with
 * {@code sendError}, which would otherwise be an HTML page. Everything the API itself refuses is
 * already problem+json and never comes here.
 */
@WebServlet(urlPatterns = ContainerErrorPage.PATH)
public class ContainerErrorPage extends HttpServlet {
    /** Looked up once: {@code Json.createObjectBuilder} runs a ServiceLoader lookup on every call (every 401, 403 and 404). */
    private static final JsonProvider JSON = JsonProvider.provider();
    static final String PATH = "/container-error";
    private static final long serialVersionUID = 1L;
    private static final Pattern USER_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9._-]{0,63}");
    private static final Semaphore WAITING = new Semaphore(8);
    @Inject
    transient AuditTrail audit;
    @Inject
    transient LoginFailures loginFailures;

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        if (!(code instanceof Integer status)) {
            response.setStatus(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        JsonObjectBuilder problem = JSON.createObjectBuilder()
                .add("type", "urn:tokyo-ia:problem:" + type(status))
                .add("title", title(status))
                .add("status", status)
                .add("detail", detail(status));
        if (request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI) instanceof String uri) {
            problem.add("instance", uri);
            String user = status == HttpServletResponse.SC_UNAUTHORIZED ? attemptedUser(request) : null;
            if (user != null) {
                long failures = loginFailures.count(user);
                audit.refused(status, request.getMethod(), uri, request.getRemoteAddr(),
                        "failed login as " + user + ", " + failures + " in this 15-minute window");
                slowDown(LoginFailures.delayAfter(failures));
            } else if (status == HttpServletResponse.SC_UNAUTHORIZED || status == HttpServletResponse.SC_FORBIDDEN) {
                audit.refused(status, request.getMethod(), uri, request.getRemoteAddr());
            }
        }
        response.setStatus(status);
        response.setContentType("application/problem+json");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        try (Writer out = response.getWriter()) {
            out.write(problem.build().toString());
        }
    }

    /** The user name of the Basic credentials the request sent (a 401 with them is a failed login), or null. */
    static String attemptedUser(HttpServletRequest request) {
        String header = request.getHeader("Authorization");
        if (header == null || header.length() < 7 || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            return null;
        }
        try {
            String decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            String user = colon < 0 ? decoded : decoded.substring(0, colon);
            // Only a name a user could have (./tokyo-ia user add's rule), never the password or control characters.
            return USER_NAME.matcher(user).matches() ? user : "(not a user name)";
        } catch (IllegalArgumentException e) {
            return "(not base64)";
        }
    }

    /**
     * Holds the refusal back. At most a few request threads wait at once: beyond that the answer
     * goes out at once, so that many parallel guesses cannot tie up the threads every other
     * request needs (the guesses are still counted and audited).
     */
    private static void slowDown(Duration delay) {
        if (delay.isZero() || !WAITING.tryAcquire()) {
            return;
        }
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            WAITING.release();
        }
    }

    private static String type(int status) {
        return switch (status) {
            case 401 -> "unauthorized";
            case 403 -> "forbidden";
            default -> status < 500 ? "invalid-request" : "unexpected-error";
        };
    }

    private static String title(int status) {
        return switch (status) {
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 413 -> "Content Too Large";
            default -> status < 500 ? "Request Refused" : "Internal Server Error";
        };
    }

    private static String detail(int status) {
        return switch (status) {
            case 400 -> "the request could not be read: its URL or headers are malformed (percent-encoding must be UTF-8)";
            case 401 -> "send the credentials of a user with a role for this operation (HTTP Basic)";
            case 403 -> "this user's roles do not admit this operation";
            case 404 -> "there is nothing at this URL";
            case 405 -> "this URL does not accept that method";
            default -> status < 500 ? "the request was refused" : "the server failed; the error is logged";
        };
    }
}
