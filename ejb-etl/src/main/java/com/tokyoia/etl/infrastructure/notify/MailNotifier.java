package com.tokyoia.etl.infrastructure.notify;

import com.tokyoia.etl.application.alerting.Notice;
import com.tokyoia.etl.application.port.AlertChannel;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.util.TreeMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/** E-mails each incident's opening and clearing through a Jakarta Mail session (WildFly's mail subsystem provides it). */
public final class MailNotifier implements AlertChannel {
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
    public void send(Notice notice) {
        try {
            MimeMessage message = new MimeMessage(session);
            message.setFrom(new InternetAddress(from));
            message.setRecipients(Message.RecipientType.TO, InternetAddress.parse(to));
            message.setSubject(notice.title());
            message.setText(body(notice), "UTF-8");
            Transport.send(message);
        } catch (Exception e) {
            LOG.log(Level.WARNING, "Could not e-mail the alert " + notice.title(), e);
        }
    }

    static String body(Notice notice) {
        var incident = notice.incident();
        StringBuilder text = new StringBuilder();
        if (notice.state() == Notice.State.OPENED) {
            text.append(incident.summary()).append("\n\nWhat to do: ").append(incident.action()).append('\n');
        } else {
            text.append("Cleared at ").append(notice.at()).append(": ").append(incident.summary()).append(" no longer holds.\n");
        }
        text.append("\nAlert: ").append(incident.kind().spelling()).append("\nSubject: ").append(incident.subject())
                .append("\nIncident: ").append(incident.id()).append(", opened ").append(incident.openedAt()).append('\n');
        new TreeMap<>(notice.facts()).forEach((name, value) -> text.append(name).append(": ").append(value).append('\n'));
        return text.toString();
    }
}
