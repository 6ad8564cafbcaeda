package com.tokyoia.web.application;

/**
 * A state-changing call that rode on a browser session's cookie without the header only the
 * dashboard's own scripts send (403): another site may make a browser send the cookie, never the header.
 */
public class CrossSiteRequestException extends AccessRefusedException {
    private static final long serialVersionUID = 1L;

    public CrossSiteRequestException(String message) {
        super("cross-site-request", message);
    }
}
