package com.tokyoia.etl.infrastructure.notify;

import com.tokyoia.etl.application.port.FailureNotifier;
import com.tokyoia.etl.application.port.FailureReport;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.util.logging.Level;
import java.util.logging.Logger;

/** E-mails the alert through a Jakarta Mail session (WildFly's mail subsystem provides it). */
public final class MailNotifier implements FailureNotifier {
    private static final Logger LOG = Logger.getLogger(MailNotifier.class.getName());
    private final Session session;
    private final String from;
    private final String to;

    public MailNotifier(Session session, String from, String to) {
        this.session = session;
        this.from = from;
        this.to = to;
    }

    @Override
    public void notify(FailureReport report) {
        try {
            MimeMessage message = new MimeMessage(session);
            message.setFrom(new InternetAddress(from));
            message.setRecipients(Message.RecipientType.TO, InternetAddress.parse(to));
            message.setSubject("[tokyo-ia] export failed: " + report.table() + " " + report.day());
            message.setText("Job: " + report.job() + "\nTable: " + report.table() + "\nDay: " + report.day()
                    + "\nExecution: " + report.executionId() + "\nError: " + report.error()
                    + "\n\nPostgreSQL was left untouched; the day will be retried by the next catch-up run.\n");
            Transport.send(message);
        } catch (Exception e) {
            LOG.log(Level.WARNING, "Could not e-mail the alert for " + report, e);
        }
    }
}
