/**
 * The example domain's REST resource, so that a new user can see transfers take effect and be undone:
 * list, read and freeze accounts. Its own web module, with the same users and roles as Rewind's API.
 */
package dev.rewind.example.web;
