// Moving between the console's pages: a page is the part of the URL after '#'.

/** Opens a page; opening the page already shown loads it again (e.g. a filter applied twice). */
export function go(hash) {
    if (location.hash === hash) {
        window.dispatchEvent(new HashChangeEvent('hashchange'));
    } else {
        location.hash = hash;
    }
}
