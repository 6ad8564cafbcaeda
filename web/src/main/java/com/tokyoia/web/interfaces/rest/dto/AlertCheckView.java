package com.tokyoia.web.interfaces.rest.dto;

import com.tokyoia.etl.application.alerting.AlertEvaluator;
import com.tokyoia.etl.application.alerting.Finding;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** One check of the periodic alerts: when (server clock), which, what holds now, what opened and cleared, what could not be checked. */
public record AlertCheckView(Instant at, List<String> checked, List<FindingView> holding, List<IncidentView> opened,
                             List<IncidentView> cleared, List<String> errors) {
    public static AlertCheckView of(AlertEvaluator.Evaluation evaluation) {
        return new AlertCheckView(evaluation.at(), evaluation.checked(), evaluation.holding().stream().map(FindingView::of).toList(),
                evaluation.opened().stream().map(IncidentView::of).toList(), evaluation.cleared().stream().map(IncidentView::of).toList(),
                evaluation.errors());
    }

    /** Something wrong now, with the facts behind it. */
    public record FindingView(String alert, String subject, String summary, String action, Map<String, String> facts) {
        static FindingView of(Finding finding) {
            return new FindingView(finding.kind().spelling(), finding.subject(), finding.summary(), finding.action(), finding.facts());
        }
    }
}
