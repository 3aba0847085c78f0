package dev.rewind.jobs;

import dev.rewind.api.JobView;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

/** Resumes the bulk jobs that were running when the server (or the deployment) stopped. */
@Startup
@Singleton
public class JobResumer {

    private static final Logger LOG = Logger.getLogger(JobResumer.class);

    @Inject
    BulkJobs jobs;

    @Inject
    BulkRunner runner;

    @PostConstruct
    void resume() {
        for (Long id : jobs.running()) {
            JobView job = jobs.get(id);
            LOG.infof("Resuming bulk job %d (%s, %d of %d done)", id, job.kind(), job.done(), job.total());
            runner.start(id, job.ratePerSecond());
        }
    }
}
