// One failure group: what a bulk replay of it would take (the API's dry run), then the replay itself.

import * as api from './api.js';
import {badge, cut, h, notice, show, table} from './dom.js';
import {reasonForm} from './parts.js';
import {formatInstant} from './time.js';

const NO_TYPE = '(none)';

export function group(view, params) {
    const type = params.get('type');
    const errorClass = params.get('errorClass');
    const filter = {status: 'FAILED', type, errorClass};
    const result = h('div', {id: 'preview'});
    const list = h('a', {href: '#/entries' + api.query(filter)}, 'List these entries');
    show(view,
        h('h1', {}, 'Failure group'),
        h('dl', {class: 'facts'},
            h('dt', {}, 'Type'), h('dd', {}, type),
            h('dt', {}, 'Error class'), h('dd', {class: 'mono'}, errorClass)),
        h('p', {}, list),
        result);

    if (!type || !errorClass) {
        show(result, notice('error', 'This link names no group: open one from the overview.'));
        return;
    }
    if (type === NO_TYPE) {
        show(result, notice('muted', 'These messages have no type (JMSType): they were rejected and cannot be'
            + ' replayed. Revoke them, or fix the sender and send them again.'));
        return;
    }
    if (!api.canOperate()) {
        show(result, notice('muted', 'Replaying a group needs the rewind-operator role.'));
        return;
    }
    const preview = h('button', {type: 'button', id: 'preview-replay'}, 'Preview a replay of this group');
    preview.addEventListener('click', async () => {
        preview.disabled = true;
        try {
            const dry = await api.send('POST', 'jobs', {kind: 'REPLAY', filter, reason: 'preview from the console',
                dryRun: true});
            showPreview(result, filter, dry);
        } catch (e) {
            show(result, preview, notice('error', e.message));
        } finally {
            preview.disabled = false;
        }
    });
    show(result, preview);
}

function showPreview(result, filter, dry) {
    if (dry.total === 0) {
        show(result, notice('empty', 'No entry of this group is FAILED any more: nothing to replay.'));
        return;
    }
    show(result,
        h('h2', {}, 'Preview'),
        h('p', {id: 'preview-count'}, `A replay would send ${dry.total.toLocaleString()} `
            + `entr${dry.total === 1 ? 'y' : 'ies'} to their queues again; each runs its handler once more.`),
        table(`The first ${dry.sample.length} of them`, ['Id', 'Status', 'Attempts', 'Created', 'Last error'],
            dry.sample.map(entry => h('tr', {},
                h('td', {class: 'mono'}, h('a', {href: `#/entries/${entry.id}`}, entry.id)),
                h('td', {}, badge(entry.status)),
                h('td', {class: 'num'}, entry.attempts),
                h('td', {}, formatInstant(entry.createdAt)),
                h('td', {title: entry.lastError || ''}, cut(entry.lastError, 100))))),
        reasonForm({
            title: 'Replay this group',
            explain: `Starts a bulk job over the entries that are FAILED in this group when it starts`
                + ` (${dry.total.toLocaleString()} now). You can watch and cancel it.`,
            confirm: `Start the replay`,
            submit: async reason => {
                const job = await api.send('POST', 'jobs', {kind: 'REPLAY', filter, reason});
                location.hash = `#/jobs/${job.id}`;
            },
        }));
}
