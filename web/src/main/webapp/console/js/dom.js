// Building the page. Every text that comes from the server (bodies, errors, reasons, names) goes in as
// a text node: nothing here ever parses server data as HTML.

/** An element: h('a', {href: '#/'}, 'text', child). Attributes starting with "on" become listeners. */
export function h(tag, attributes, ...children) {
    const element = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes || {})) {
        if (value === undefined || value === null || value === false) {
            continue;
        }
        if (name.startsWith('on') && typeof value === 'function') {
            element.addEventListener(name.substring(2), value);
        } else if (name === 'class') {
            element.className = value;
        } else if (value === true) {
            element.setAttribute(name, '');
        } else {
            element.setAttribute(name, String(value));
        }
    }
    append(element, children);
    return element;
}

function append(element, children) {
    for (const child of children) {
        if (child === undefined || child === null || child === false) {
            continue;
        }
        if (Array.isArray(child)) {
            append(element, child);
        } else if (child instanceof Node) {
            element.appendChild(child);
        } else {
            element.appendChild(document.createTextNode(String(child)));
        }
    }
}

/** Replaces what an element shows. */
export function show(element, ...children) {
    element.replaceChildren();
    append(element, children);
    return element;
}

/** A table in a scrolling box (wide tables scroll on a narrow window instead of breaking the page). */
export function table(caption, headings, rows) {
    return h('div', {class: 'scroll'},
        h('table', {},
            h('caption', {}, caption),
            h('thead', {}, h('tr', {}, headings.map(text => h('th', {scope: 'col'}, text)))),
            h('tbody', {}, rows)));
}

/** A status badge; the status names are the API's. */
export function badge(status) {
    return h('span', {class: 'badge status-' + String(status).toLowerCase()}, status);
}

/** A message line for an action: errors in red, announced to screen readers. */
export function notice(kind, text) {
    return h('p', {class: kind, role: kind === 'error' ? 'alert' : 'status'}, text);
}

/** Shortens one line of text for a table cell; the full text is in the title. */
export function cut(text, length) {
    if (text === null || text === undefined) {
        return '';
    }
    const line = String(text).replace(/\s+/g, ' ');
    return line.length > length ? line.substring(0, length - 1) + '\u2026' : line;
}
