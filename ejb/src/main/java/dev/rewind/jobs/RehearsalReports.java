package dev.rewind.jobs;

import dev.rewind.api.BulkKind;
import dev.rewind.api.InvalidRequestException;
import dev.rewind.api.RehearsalGroup;
import dev.rewind.api.RehearsalOutcome;
import dev.rewind.api.UnknownJobException;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** A REHEARSE job's findings, grouped: one query for the groups, one for each group's sample. */
@Stateless
@TransactionAttribute(TransactionAttributeType.SUPPORTS)
public class RehearsalReports {

    @PersistenceContext(unitName = "rewind")
    EntityManager em;

    public List<RehearsalGroup> report(long jobId) {
        BulkJob job = em.find(BulkJob.class, jobId);
        if (job == null) {
            throw new UnknownJobException(jobId);
        }
        if (job.kind() != BulkKind.REHEARSE) {
            throw new InvalidRequestException("job " + jobId + " is a " + job.kind() + " job: only REHEARSE jobs have"
                    + " a rehearsal report");
        }
        List<Object[]> rows = em.createQuery("select r.outcome, r.errorClass, count(r), max(r.error)"
                        + " from RehearsalRecord r where r.jobId = :job group by r.outcome, r.errorClass"
                        + " order by count(r) desc, r.outcome, r.errorClass", Object[].class)
                .setParameter("job", jobId).getResultList();
        List<RehearsalGroup> groups = new ArrayList<>();
        for (Object[] row : rows) {
            RehearsalOutcome outcome = (RehearsalOutcome) row[0];
            String errorClass = (String) row[1];
            var sample = em.createQuery("select r.entryId from RehearsalRecord r where r.jobId = :job"
                            + " and r.outcome = :outcome and " + (errorClass == null ? "r.errorClass is null"
                            : "r.errorClass = :errorClass") + " order by r.entryId", UUID.class)
                    .setParameter("job", jobId).setParameter("outcome", outcome);
            if (errorClass != null) {
                sample.setParameter("errorClass", errorClass);
            }
            groups.add(new RehearsalGroup(outcome, errorClass, (Long) row[2],
                    sample.setMaxResults(RehearsalGroup.SAMPLE).getResultList(), (String) row[3]));
        }
        return groups;
    }
}
