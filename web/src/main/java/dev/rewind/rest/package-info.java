/** The JAX-RS admin API: thin resources over the EJB module, errors as application/problem+json. */
package dev.rewind.rest;
