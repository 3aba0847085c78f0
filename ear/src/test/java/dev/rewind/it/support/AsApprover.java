package dev.rewind.it.support;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RunAs;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import java.util.concurrent.Callable;
import org.jboss.ejb3.annotation.RunAsPrincipal;
import org.jboss.ejb3.annotation.SecurityDomain;

/** Test-only: runs a piece of test code as the approver "it-approver", another person than "it-operator". */
@Stateless
@SecurityDomain("other")
@RunAs("rewind-approver")
@RunAsPrincipal("it-approver")
@PermitAll
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class AsApprover {

    public <T> T call(Callable<T> work) throws Exception {
        return work.call();
    }
}
