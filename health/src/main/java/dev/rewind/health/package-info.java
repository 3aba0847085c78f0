/**
 * MicroProfile Health readiness checks: Rewind is ready when it can reach its broker and its database.
 * They ship as a library of the EAR ({@code lib/rewind-health.jar}): WildFly looks for the health
 * checks of an EAR among the beans its top level sees, which are the libraries', not the modules'.
 */
package dev.rewind.health;
