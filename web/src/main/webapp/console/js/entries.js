// The entry browser: filters, keyset pages forwards and back (never a count), id search.

import * as api from './api.js';
import {badge, cut, h, notice, show, table} from './dom.js';
import {go} from './nav.js';
import {formatInstant, inputToInstant, instantToInput, zone} from './time.js';

const STATUSES = ['', 'PENDING', 'PROCESSED', 'FAILED', 'REPLAYING', 'REVOKING', 'REVOKED', 'REVOKE_FAILED', 'SUPERSEDED'];
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const TEXT_FIELDS = ['type', 'destination', 'errorText', 'errorClass'];

export function entries(view, params) {
    const filter = {};
    for (const name of ['status', 'createdFrom', 'createdTo', ...TEXT_FIELDS]) {
        if (params.get(name)) {
            filter[name] = params.get(name);
        }
    }
    const limit = Number(params.get('limit')) > 0 ? Number(params.get('limit')) : 50;

    const search = h('form', {class: 'inline', role: 'search', 'aria-label': 'Find an entry by id'},
        h('label', {for: 'find-id'}, 'Entry id'),
        h('input', {id: 'find-id', name: 'id', size: 38, placeholder: '00000000-0000-0000-0000-000000000000'}),
        h('button', {type: 'submit'}, 'Open'));
    const searchMessage = h('div');
    search.addEventListener('submit', event => {
        event.preventDefault();
        const id = search.elements.id.value.trim();
        if (!UUID.test(id)) {
            show(searchMessage, notice('error', `'${id}' is not an entry id (a UUID).`));
            return;
        }
        location.hash = `#/entries/${id.toLowerCase()}`;
    });

    const form = filterForm(filter, limit);
    const results = h('div', {id: 'results'});
    show(view, h('h1', {}, 'Entries'), search, searchMessage, form, results);

    // The cursors of the pages before this one: "Previous" goes back without asking the server to count.
    const before = [];
    let current = null;

    async function load(cursor) {
        show(results, notice('muted', 'Loading\u2026'));
        try {
            const page = await api.get('entries' + api.query({...filter, limit, cursor}));
            current = cursor;
            render(page);
        } catch (e) {
            show(results, notice('error', e.message));
        }
    }

    function render(page) {
        const first = h('button', {type: 'button', id: 'first-page', disabled: before.length === 0}, 'First page');
        const previous = h('button', {type: 'button', id: 'previous-page', disabled: before.length === 0}, 'Previous');
        const next = h('button', {type: 'button', id: 'next-page', disabled: !page.nextCursor}, 'Next');
        first.addEventListener('click', () => {
            before.length = 0;
            load(null);
        });
        previous.addEventListener('click', () => load(before.pop()));
        next.addEventListener('click', () => {
            before.push(current);
            load(page.nextCursor);
        });
        const pager = h('nav', {class: 'pager', 'aria-label': 'Pages'}, first, previous,
            h('span', {class: 'muted'}, `Page ${before.length + 1}`), next);
        if (page.items.length === 0) {
            show(results, h('p', {class: 'empty'}, before.length === 0
                ? 'No entry matches these filters. Widen them (clear a field or the time range).'
                : 'No more entries.'), pager);
            return;
        }
        show(results, table(`Entries, newest first (page ${before.length + 1})`,
            ['Id', 'Type', 'Status', 'Attempts', 'Created', 'Queue', 'Last error'],
            page.items.map(entry => h('tr', {'data-id': entry.id},
                h('td', {class: 'mono'}, h('a', {href: `#/entries/${entry.id}`}, entry.id)),
                h('td', {}, entry.type || ''),
                h('td', {}, badge(entry.status)),
                h('td', {class: 'num'}, entry.attempts),
                h('td', {}, formatInstant(entry.createdAt)),
                h('td', {}, entry.destination || ''),
                h('td', {title: entry.lastError || ''}, cut(entry.lastError, 100))))), pager);
    }

    load(null);
}

function filterForm(filter, limit) {
    const status = h('select', {id: 'f-status', name: 'status'},
        STATUSES.map(s => h('option', {value: s, selected: s === (filter.status || '')}, s || 'any')));
    const field = (id, label, input) => h('div', {class: 'field'}, h('label', {for: id}, label), input);
    const text = (name, label) => field(`f-${name}`, label,
        h('input', {id: `f-${name}`, name, value: filter[name] || '', maxlength: 200}));
    const time = (name, label) => field(`f-${name}`, `${label} (${zone() === 'utc' ? 'UTC' : 'local time'})`,
        h('input', {id: `f-${name}`, name, type: 'datetime-local', step: 1, value: instantToInput(filter[name])}));
    const message = h('div');
    const form = h('form', {class: 'filters', 'aria-label': 'Filters'},
        field('f-status', 'Status', status),
        text('type', 'Type'), text('destination', 'Queue'),
        time('createdFrom', 'Created from'), time('createdTo', 'Created before'),
        text('errorText', 'Error text'), text('errorClass', 'Error class'),
        field('f-limit', 'Per page', h('select', {id: 'f-limit', name: 'limit'},
            [20, 50, 100, 200, 500].map(n => h('option', {value: n, selected: n === limit}, n)))),
        h('div', {class: 'buttons'}, h('button', {type: 'submit'}, 'Apply'),
            h('a', {href: '#/entries', class: 'button'}, 'Clear')),
        message);
    form.addEventListener('submit', event => {
        event.preventDefault();
        try {
            const values = {status: form.elements.status.value, limit: form.elements.limit.value};
            for (const name of TEXT_FIELDS) {
                values[name] = form.elements[name].value.trim();
            }
            values.createdFrom = inputToInstant(form.elements.createdFrom.value);
            values.createdTo = inputToInstant(form.elements.createdTo.value);
            go('#/entries' + api.query(values));
        } catch (e) {
            show(message, notice('error', e.message));
        }
    });
    return form;
}
