// A message body shown pretty-printed, JSON highlighted, built from text nodes only; a long body is
// folded behind a "show all" switch.

import {h} from './dom.js';

const FOLD_LINES = 40;

/** The body as a block: highlighted JSON if it parses, the text as it is otherwise. */
export function bodyView(body) {
    if (body === null || body === undefined) {
        return h('p', {class: 'muted'}, 'No body in the ledger (the message could not be stored as it came, or retention purged it).');
    }
    let lines;
    try {
        lines = [];
        writeValue(JSON.parse(body), 0, lines, [], '');
    } catch (e) {
        lines = String(body).split('\n').map(text => [h('span', {}, text)]);
    }
    const pre = (from, to) => h('pre', {class: 'json', tabindex: 0},
        lines.slice(from, to).map((parts, i) => [i > 0 ? '\n' : null, parts]));
    if (lines.length <= FOLD_LINES) {
        return pre(0, lines.length);
    }
    const whole = h('details', {class: 'fold'},
        h('summary', {}, `Show all ${lines.length} lines (${body.length.toLocaleString()} characters)`),
        pre(0, lines.length));
    return h('div', {}, pre(0, 20), whole);
}

// Writes a value into lines of spans; `line` collects the current line's pieces.
function writeValue(value, depth, lines, line, suffix) {
    const indent = '  '.repeat(depth);
    if (Array.isArray(value) || (value && typeof value === 'object')) {
        const isArray = Array.isArray(value);
        const entries = isArray ? value.map((v, i) => [i, v]) : Object.entries(value);
        const [open, close] = isArray ? ['[', ']'] : ['{', '}'];
        if (entries.length === 0) {
            line.push(h('span', {class: 'j-punct'}, open + close + suffix));
            lines.push(line);
            return;
        }
        line.push(h('span', {class: 'j-punct'}, open));
        lines.push(line);
        entries.forEach(([key, item], index) => {
            const next = ['  '.repeat(depth + 1)];
            if (!isArray) {
                next.push(h('span', {class: 'j-key'}, JSON.stringify(key)), h('span', {class: 'j-punct'}, ': '));
            }
            writeValue(item, depth + 1, lines, next, index < entries.length - 1 ? ',' : '');
        });
        lines.push([indent, h('span', {class: 'j-punct'}, close + suffix)]);
        return;
    }
    const kind = value === null ? 'j-null' : typeof value === 'string' ? 'j-string'
        : typeof value === 'number' ? 'j-number' : 'j-bool';
    line.push(h('span', {class: kind}, JSON.stringify(value)), suffix);
    lines.push(line);
}
