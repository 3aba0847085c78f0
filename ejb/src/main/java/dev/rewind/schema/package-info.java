/** The ledger's schema: versioned Flyway migrations, applied before Hibernate validates the schema. */
package dev.rewind.schema;
