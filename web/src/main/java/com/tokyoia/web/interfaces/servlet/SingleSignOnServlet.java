package com.tokyoia.web.interfaces.servlet;

import com.tokyoia.web.application.AuditTrail;
import jakarta.inject.Inject;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;

/**
 * The dashboard's sign-in and sign-out through the OpenID Connect provider (oidc-dashboard.cli).
 * web.xml lets only a signed-in user reach /sso/*, so a browser that opens /sso/ unsigned is sent to
 * the provider by elytron-oidc-client (authorization code flow) and comes back here with a session:
 * this page then only sends it on to the dashboard, whose calls the session's cookie authenticates.
 * Signing out ends the session here and tells the provider (its end_session_endpoint, server to
 * server); the provider's own sign-in may outlive it, so the dashboard asks before signing in again.
 */
@WebServlet(urlPatterns = SingleSignOnServlet.PATH + "/*")
public class SingleSignOnServlet extends HttpServlet {
    static final String PATH = "/sso";
    private static final long serialVersionUID = 1L;

    @Inject
    transient AuditTrail audit;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setHeader("Cache-Control", "no-store");
        response.sendRedirect(request.getContextPath() + "/");
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException, ServletException {
        if (!"/sign-out".equals(request.getPathInfo())) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        if (request.getUserPrincipal() != null) {
            audit.record("session.sign-out", "user", request.getUserPrincipal().getName(),
                    "signed out of the dashboard from " + request.getRemoteAddr());
        }
        request.logout();
        HttpSession session = request.getSession(false);
        if (session != null) {
            session.invalidate();
        }
        response.setHeader("Cache-Control", "no-store");
        response.setStatus(HttpServletResponse.SC_SEE_OTHER);
        response.setHeader("Location", request.getContextPath() + "/?signed-out");
    }
}
