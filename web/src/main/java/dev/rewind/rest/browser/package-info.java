/** What the web module does for browsers: the headers that keep the console and the API safe to open. */
package dev.rewind.rest.browser;
