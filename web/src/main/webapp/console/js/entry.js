// One entry: its body, properties, attempts as a timeline, history, and the actions its state allows.

import * as api from './api.js';
import {badge, h, notice, show, table} from './dom.js';
import {bodyView} from './json.js';
import {reasonForm} from './parts.js';
import {poll} from './poll.js';
import {formatInstant} from './time.js';

/** States an entry leaves by itself (the consumer or a compensation moves it on): the page follows them. */
const MOVING = new Set(['PENDING', 'REPLAYING', 'REVOKING']);

/** What a revoke does in each state (the API's table). */
const REVOKE = {
    PENDING: ['withdraw', 'The handler has not run: the message is withdrawn from its queue and never runs.'],
    FAILED: ['withdraw', 'The handler never succeeded: the message is withdrawn (also from the dead-letter queue) and never runs.'],
    REPLAYING: ['withdraw', 'The replay has not run yet: it is withdrawn and never runs.'],
    PROCESSED: ['compensate', 'The handler ran and its effects committed: a compensating message runs the handler\'s'
        + ' compensate, which undoes them. Refused if this type has no compensation.'],
    REVOKE_FAILED: ['compensate', 'The last compensation failed: it is sent again.'],
    REVOKING: ['compensate again', 'A compensation is on its way: it is sent again only if it was lost'
        + ' (refused while it still waits in its queue).'],
};

export function entry(view, id) {
    const state = {entry: null, stopPolling: null, held: null};
    const head = h('div');
    const actions = h('section', {id: 'actions', 'aria-label': 'Actions'});
    const panel = h('div', {id: 'action-panel'});
    const body = h('section', {'aria-labelledby': 'body-h'});
    const attempts = h('section', {'aria-labelledby': 'attempts-h'});
    const history = h('section', {'aria-labelledby': 'history-h'});
    const lineage = h('section', {'aria-labelledby': 'lineage-h'});
    show(view, head, actions, panel, body, lineage, attempts, history);

    function render(current) {
        state.entry = current;
        const done = panel.querySelector('.ok');
        if (done) {
            show(done, state.held ? `Held for approval ${state.held}: nothing runs before another person approves it.`
                : `Done: the entry is now ${current.status}.`);
        }
        renderHead(head, current);
        renderActions(actions, panel, current, act);
        renderBody(body, current);
        renderLineage(lineage, current);
        renderAttempts(attempts, current);
        renderHistory(history, current);
        follow();
    }

    // While the entry is moving by itself, look again every 1.5 s until it settles.
    function follow() {
        if (state.stopPolling || !MOVING.has(state.entry.status)) {
            return;
        }
        let first = true;
        state.stopPolling = poll(async () => {
            if (first) {
                first = false;
                return true;
            }
            const fresh = await api.get(`entries/${id}`);
            const moved = fresh.status !== state.entry.status || fresh.attempts !== state.entry.attempts
                || fresh.history.length !== state.entry.history.length;
            if (moved) {
                state.stopPolling = null;
                render(fresh);
                return false;
            }
            return true;
        }, 1500);
    }

    // An action answered with the entry in its new state: shown at once, then followed.
    function act(current) {
        show(panel, notice('ok', ''));
        const before = state.entry && state.entry.pendingApproval;
        state.held = current.pendingApproval && (!before || before.id !== current.pendingApproval.id)
            ? current.pendingApproval.id : null;
        if (state.stopPolling) {
            state.stopPolling();
            state.stopPolling = null;
        }
        render(current);
    }

    show(head, notice('muted', 'Loading\u2026'));
    api.get(`entries/${id}`).then(render, e => show(head, h('h1', {}, 'Entry'), notice('error', e.message),
        h('p', {}, h('a', {href: '#/entries'}, 'Back to the entries'))));
    return () => state.stopPolling && state.stopPolling();
}

function renderHead(head, e) {
    show(head,
        h('h1', {}, 'Entry ', h('span', {class: 'mono'}, e.id)),
        h('dl', {class: 'facts'},
            h('dt', {}, 'Status'), h('dd', {id: 'entry-status'}, badge(e.status)),
            h('dt', {}, 'Type'), h('dd', {}, e.type || '(none)'),
            h('dt', {}, 'Queue'), h('dd', {}, e.destination || ''),
            h('dt', {}, 'Attempts'), h('dd', {}, e.attempts),
            h('dt', {}, 'Replays'), h('dd', {}, e.replays),
            h('dt', {}, 'Created'), h('dd', {}, formatInstant(e.createdAt)),
            h('dt', {}, 'Updated'), h('dd', {}, formatInstant(e.updatedAt)),
            e.processedAt ? [h('dt', {}, 'Processed'), h('dd', {}, formatInstant(e.processedAt))] : null,
            h('dt', {}, 'Hold'), h('dd', {id: 'entry-hold'}, e.hold ? 'held: retention keeps it' : 'none'),
            e.editOf ? [h('dt', {}, 'Edit of'), h('dd', {class: 'mono'},
                h('a', {href: `#/entries/${e.editOf}`, id: 'edit-of'}, e.editOf))] : null,
            e.supersededBy ? [h('dt', {}, 'Superseded by'), h('dd', {class: 'mono'},
                h('a', {href: `#/entries/${e.supersededBy}`, id: 'superseded-by'}, e.supersededBy))] : null,
            e.causedBy ? [h('dt', {}, 'Caused by'), h('dd', {class: 'mono'},
                h('a', {href: `#/entries/${e.causedBy}`, id: 'caused-by'}, e.causedBy))] : null,
            e.compensationHeld ? [h('dt', {}, 'Compensation'), h('dd', {id: 'compensation-held'},
                'held: it is sent once every message this one caused is revoked')] : null,
            e.purgedAt ? [h('dt', {}, 'Body purged'), h('dd', {}, formatInstant(e.purgedAt))] : null,
            e.lastError ? [h('dt', {}, 'Last error'), h('dd', {class: 'error-text'},
                e.errorClass ? h('span', {class: 'mono'}, e.errorClass + ': ') : null, e.lastError)] : null),
        e.pendingApproval ? h('p', {class: 'notice warn', id: 'pending-approval', role: 'status'},
            `Waiting for approval ${e.pendingApproval.id}: ${describeApproval(e.pendingApproval)} asked by`
                + ` ${e.pendingApproval.requestedBy} (${e.pendingApproval.why}). Another person with the approver role`
                + ' decides it. ', h('a', {href: '#/approvals'}, 'Approvals')) : null);
}

function describeApproval(a) {
    return a.kind === 'FORCED_REPLAY' ? 'a forced replay' : a.cascade ? 'a cascading revoke' : 'a revoke';
}

function renderActions(actions, panel, e, act) {
    if (!api.canOperate()) {
        show(actions, h('p', {class: 'muted'}, 'You can look; changes need the rewind-operator role.'));
        return;
    }
    const open = (form) => () => show(panel, form());
    const close = () => show(panel);
    const buttons = [];
    if (e.status === 'FAILED' || e.status === 'REPLAYING') {
        buttons.push(h('button', {type: 'button', id: 'replay', onclick: open(() => reasonForm({
            title: 'Replay',
            explain: e.status === 'FAILED'
                ? 'Sends the recorded message to its queue again; the handler runs it as a new attempt.'
                : 'Sends the replay again if it was lost (refused while it still waits in its queue).',
            confirm: 'Replay', cancel: close,
            submit: async reason => act(await api.send('POST', `entries/${e.id}/replay`, {reason})),
        }))}, 'Replay\u2026'));
    }
    if (e.status === 'PROCESSED') {
        buttons.push(h('button', {type: 'button', id: 'replay', onclick: open(() => reasonForm({
            title: 'Replay a processed message (forced)',
            explain: 'The handler already ran this message. Replaying it runs the handler again: its effects'
                + ' (money moved, mails sent) happen a second time unless the handler guards against it.',
            tick: 'I understand the handler\'s effects run again.',
            confirm: 'Replay again', cancel: close,
            submit: async reason => act(await api.send('POST', `entries/${e.id}/replay`, {reason, force: true})),
        }))}, 'Replay again\u2026'));
    }
    if (['FAILED', 'PENDING', 'REPLAYING'].includes(e.status) && e.type) {
        buttons.push(h('button', {type: 'button', id: 'edit', onclick: open(() => editForm(e, close))},
            'Edit and retry\u2026'));
    }
    if (e.type && (e.body || e.status === 'FAILED')) {
        buttons.push(h('button', {type: 'button', id: 'rehearse', onclick: open(() => rehearseForm(e, close, panel))},
            'Rehearse\u2026'));
    }
    const revoke = REVOKE[e.status];
    if (revoke && !e.compensationHeld) {
        buttons.push(h('button', {type: 'button', id: 'revoke', onclick: open(() => reasonForm({
            title: `Revoke: ${revoke[0]}`,
            explain: revoke[1],
            confirm: `Revoke (${revoke[0]})`, cancel: close,
            submit: async reason => act(await api.send('POST', `entries/${e.id}/revoke`, {reason})),
        }))}, `Revoke (${revoke[0]})\u2026`));
    }
    if (['PENDING', 'FAILED', 'REPLAYING', 'PROCESSED', 'REVOKE_FAILED'].includes(e.status) && e.type) {
        buttons.push(h('button', {type: 'button', id: 'cascade', onclick: open(() => cascadeForm(e, close, act, panel))},
            'Revoke with what it caused…'));
    }
    buttons.push(h('button', {type: 'button', id: 'hold', onclick: open(() => reasonForm({
        title: e.hold ? 'Lift the hold' : 'Hold',
        explain: e.hold ? 'Retention may purge this entry again once it is old enough.'
            : 'Retention never purges a held entry (legal hold, investigation).',
        confirm: e.hold ? 'Lift the hold' : 'Hold', cancel: close,
        submit: async reason => act(await api.send('PUT', `entries/${e.id}/hold`, {hold: !e.hold, reason})),
    }))}, e.hold ? 'Lift hold\u2026' : 'Hold\u2026'));
    show(actions, h('div', {class: 'buttons'}, buttons));
}

/**
 * A cascading revoke: the plan first (the server's dry run: every message this one caused, deepest first, each
 * with its mode), then the revoke itself. Refused as a whole, naming the message, if one cannot be revoked.
 */
function cascadeForm(e, close, act, panel) {
    const plan = h('div', {id: 'cascade-plan'}, notice('muted', 'Asking the server for the plan…'));
    api.send('POST', `entries/${e.id}/revoke`, {reason: 'console: plan', cascade: true, dryRun: true})
        .then(p => show(plan, planTable(p)), error => show(plan, notice('error', error.message)));
    return reasonForm({
        title: 'Revoke this message and everything it caused',
        fields: [plan],
        explain: 'Deepest first, in one transaction: what has not run is withdrawn, what ran is compensated, and a'
            + ' message\'s compensation runs only after those of the messages it caused. If one of them cannot be'
            + ' revoked, nothing is.',
        confirm: 'Revoke all of it', cancel: close,
        submit: async reason => {
            const done = await api.send('POST', `entries/${e.id}/revoke`, {reason, cascade: true});
            act(await api.get(`entries/${e.id}`)); // says "held for approval" when the policy held it
            return done;
        },
    });
}

function planTable(p) {
    return table(`The plan: ${p.steps.length} message(s), in this order`, ['#', 'Depth', 'Type', 'Id', 'Status now', 'Mode'],
        p.steps.map((step, i) => h('tr', {class: 'plan-step'},
            h('td', {class: 'num'}, i + 1),
            h('td', {class: 'num'}, step.depth),
            h('td', {}, step.type || ''),
            h('td', {class: 'mono'}, h('a', {href: `#/entries/${step.id}`}, step.id.substring(0, 8))),
            h('td', {}, badge(step.status)),
            h('td', {class: 'mode'}, step.mode))));
}

/** Where the entry sits among what caused it and what it caused. */
function renderLineage(section, e) {
    const heading = h('h2', {id: 'lineage-h'}, 'Lineage');
    if (!e.causedBy && e.status !== 'PROCESSED' && e.status !== 'REVOKING' && e.status !== 'REVOKED'
        && e.status !== 'REVOKE_FAILED') {
        show(section, heading, h('p', {class: 'muted'}, 'No cause, and its handler has not sent anything yet.'));
        return;
    }
    show(section, heading, notice('muted', 'Loading…'));
    api.get(`entries/${e.id}/lineage`).then(l => {
        if (l.causes.length === 0 && l.entry.children.length === 0) {
            show(section, heading, h('p', {class: 'muted', id: 'lineage-none'},
                'No cause, and its handler sent no message through Rewind.'));
            return;
        }
        // The causes as a chain from the root, the entry under its direct cause, its tree below it.
        let tree = lineageNode(l.entry, true);
        for (let i = l.causes.length - 1; i >= 0; i--) {
            tree = h('li', {}, nodeLabel(l.causes[i]), h('ul', {}, tree));
        }
        show(section, heading, h('ul', {class: 'lineage', id: 'lineage'}, tree));
    }, error => show(section, heading, notice('error', error.message)));
}

function lineageNode(node, self) {
    return h('li', {class: self ? 'this' : null, 'data-id': node.id}, nodeLabel(node),
        node.children.length ? h('ul', {}, node.children.map(child => lineageNode(child, false))) : null);
}

function nodeLabel(node) {
    return [h('a', {href: `#/entries/${node.id}`, class: 'mono'}, node.id.substring(0, 8)), ' ',
        node.type || '(no type)', ' ', badge(node.status),
        node.replays ? h('span', {class: 'muted'}, ` replayed ${node.replays}×`) : null,
        node.compensations ? h('span', {class: 'muted'}, ` compensation attempts ${node.compensations}`) : null,
        node.supersededBy ? h('span', {class: 'muted'}, ' (edited)') : null];
}

/** The corrected message: its body (JSON) and properties, checked by the server before anything changes. */
function editForm(e, close) {
    const body = h('textarea', {id: 'edit-body', name: 'body', rows: 10, class: 'mono', spellcheck: 'false'});
    body.value = pretty(e.body);
    const properties = h('textarea', {id: 'edit-properties', name: 'properties', rows: 3, class: 'mono',
        spellcheck: 'false'});
    const recorded = JSON.stringify(e.properties || {}, null, 2);
    properties.value = recorded;
    return reasonForm({
        title: 'Edit and retry',
        fields: [h('div', {class: 'field'}, h('label', {for: 'edit-body'}, 'Corrected body (JSON)'), body),
            h('div', {class: 'field'}, h('label', {for: 'edit-properties'}, 'Properties (JSON object)'), properties)],
        explain: 'The corrected message runs as a new entry; this one becomes SUPERSEDED (kept as it is) and its'
            + ' message is withdrawn. The server reads the corrected body as the handler\'s payload first: if it'
            + ' could not run, nothing changes.',
        confirm: 'Run the corrected message', cancel: close,
        submit: async reason => {
            const request = {reason};
            try {
                request.body = JSON.parse(body.value);
            } catch (error) {
                throw new Error('The body is not JSON: ' + error.message);
            }
            // Properties are sent only when changed: they replace the original's (as text values).
            if (properties.value !== recorded) {
                let props;
                try {
                    props = JSON.parse(properties.value || '{}');
                } catch (error) {
                    throw new Error('The properties are not JSON: ' + error.message);
                }
                if (!props || typeof props !== 'object' || Array.isArray(props)) {
                    throw new Error('The properties must be a JSON object of names and values.');
                }
                request.properties = Object.fromEntries(Object.entries(props).map(([k, v]) => [k, String(v)]));
            }
            const edit = await api.send('POST', `entries/${e.id}/edit`, request);
            location.hash = `#/entries/${edit.id}`;
        },
    });
}

/** Would the handler succeed now? It runs in a transaction that is rolled back; only the audit row stays. */
function rehearseForm(e, close, panel) {
    const result = h('div', {id: 'rehearsal-result', role: 'status'});
    const form = reasonForm({
        title: 'Rehearse',
        explain: 'Runs the handler on this message in a transaction that is always rolled back, and says whether it'
            + ' would succeed. Nothing changes; the history records the rehearsal. Only for handlers marked'
            + ' @Rehearsable.',
        confirm: 'Rehearse', cancel: close,
        submit: async reason => {
            const r = await api.send('POST', `entries/${e.id}/rehearse`, {reason});
            show(result, h('p', {class: r.outcome === 'WOULD_SUCCEED' ? 'ok' : 'error', id: 'rehearsal-outcome'},
                    `${r.outcome} (the handler ran ${(r.micros / 1000).toFixed(1)} ms)`),
                r.error ? h('pre', {class: 'error-text'}, r.error) : null);
        },
    });
    form.appendChild(result);
    return form;
}

function pretty(text) {
    try {
        return JSON.stringify(JSON.parse(text), null, 2);
    } catch (error) {
        return text || '';
    }
}

function renderBody(section, e) {
    const properties = Object.entries(e.properties || {}).sort(([a], [b]) => a.localeCompare(b));
    show(section,
        h('h2', {id: 'body-h'}, 'Message'),
        h('div', {class: 'side-by-side'},
            h('div', {}, h('h3', {}, 'Body'), h('div', {id: 'entry-body'}, bodyView(e.body))),
            h('div', {}, h('h3', {}, 'Properties'), properties.length === 0
                ? h('p', {class: 'muted'}, 'No properties.')
                : h('dl', {class: 'facts', id: 'entry-properties'},
                    properties.map(([k, v]) => [h('dt', {class: 'mono'}, k), h('dd', {class: 'mono'}, String(v))])))),
        e.changes && e.changes.length ? table('What this edit changed', ['Where', 'Before', 'After'],
            e.changes.map(c => h('tr', {class: 'change'}, h('td', {class: 'mono'}, c.path),
                h('td', {class: 'mono'}, c.before === null ? '(absent)' : c.before),
                h('td', {class: 'mono'}, c.after === null ? '(removed)' : c.after)))) : null);
}

function renderAttempts(section, e) {
    show(section, h('h2', {id: 'attempts-h'}, 'Attempts'),
        e.attemptLog.length === 0
            ? h('p', {class: 'empty'}, 'No attempt yet: the consumer has not run this message.')
            : h('ol', {class: 'timeline', id: 'attempts'}, e.attemptLog.map(a => h('li', {
                class: `attempt kind-${String(a.kind).toLowerCase()} outcome-${String(a.outcome || 'running').toLowerCase()}`},
                h('div', {class: 'attempt-head'},
                    h('strong', {}, `#${a.number} ${a.kind}`), ' ',
                    h('span', {class: 'outcome'}, a.outcome || 'in progress'),
                    a.node ? h('span', {class: 'muted'}, ` on ${a.node}`) : null),
                h('div', {class: 'muted'}, formatInstant(a.startedAt),
                    a.endedAt ? ` \u2192 ${formatInstant(a.endedAt)}` : ''),
                a.error ? h('pre', {class: 'error-text'}, a.error) : null))));
}

function renderHistory(section, e) {
    show(section, h('h2', {id: 'history-h'}, 'History'),
        e.history.length === 0
            ? h('p', {class: 'empty'}, 'No change recorded yet.')
            : table('Every change of status: who, when, why', ['When', 'Change', 'Who', 'Why', 'Job'],
                e.history.map(row => h('tr', {class: 'history-row'},
                    h('td', {}, formatInstant(row.at)),
                    h('td', {}, row.from ? [badge(row.from), ' \u2192 '] : null, badge(row.to)),
                    h('td', {class: 'actor'}, row.actor),
                    h('td', {class: 'reason'}, row.reason),
                    h('td', {}, row.jobId ? h('a', {href: `#/jobs/${row.jobId}`}, `Job ${row.jobId}`) : '')))));
}
