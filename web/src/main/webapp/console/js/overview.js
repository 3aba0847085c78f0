// The first page: how many of what, what is failing (grouped), which jobs run now, which nodes.

import * as api from './api.js';
import {badge, cut, h, notice, show, table} from './dom.js';
import {filterText, jobProgress} from './parts.js';
import {poll} from './poll.js';
import {formatInstant} from './time.js';

const STATUSES = ['PENDING', 'PROCESSED', 'FAILED', 'REPLAYING', 'REVOKING', 'REVOKED', 'REVOKE_FAILED', 'SUPERSEDED'];

export function overview(view) {
    const updated = h('p', {class: 'muted', id: 'updated'});
    const counts = h('section', {'aria-labelledby': 'counts-h'});
    const groups = h('section', {'aria-labelledby': 'groups-h'});
    const jobs = h('section', {'aria-labelledby': 'running-h'});
    const nodes = h('section', {'aria-labelledby': 'nodes-h'});
    show(view, h('h1', {}, 'Overview'), updated, counts, groups, jobs, nodes);

    return poll(async () => {
        try {
            const [stats, failures, page, servers] = await Promise.all([
                api.get('stats'), api.get('stats/failures'), api.get('jobs?state=RUNNING&limit=20'), api.get('nodes')]);
            renderCounts(counts, stats);
            renderGroups(groups, failures);
            renderJobs(jobs, page.items, page.nextCursor);
            renderNodes(nodes, servers);
            show(updated, `Updated ${formatInstant(new Date().toISOString())}; refreshes every 5 s.`);
        } catch (e) {
            show(updated, notice('error', `Could not refresh: ${e.message} (trying again, less often)`));
            throw e;
        }
    }, 5000);
}

function renderCounts(section, stats) {
    const cards = STATUSES.map(status => h('a', {class: 'card', href: `#/entries?status=${status}`},
        h('span', {class: 'count', 'data-status': status}, (stats.byStatus[status] || 0).toLocaleString()),
        badge(status)));
    const types = Object.entries(stats.byType).sort(([a], [b]) => a.localeCompare(b));
    show(section,
        h('h2', {id: 'counts-h'}, `Entries: ${stats.total.toLocaleString()}`),
        h('div', {class: 'cards'}, cards),
        types.length === 0
            ? h('p', {class: 'empty'}, 'The ledger is empty: send a message to a Rewind queue and it shows up here.')
            : table('Entries by type and status', ['Type', ...STATUSES],
                types.map(([type, byStatus]) => h('tr', {},
                    h('th', {scope: 'row'}, h('a', {href: `#/entries?type=${encodeURIComponent(type)}`}, type)),
                    STATUSES.map(status => h('td', {class: 'num'}, (byStatus[status] || 0).toLocaleString()))))));
}

function renderGroups(section, failures) {
    show(section, h('h2', {id: 'groups-h'}, 'Failures by cause'),
        failures.length === 0
            ? h('p', {class: 'empty'}, 'No failed messages. Failures show up here grouped by type and error.')
            : table('Failed entries grouped by type and error class, largest group first',
                ['Type', 'Error class', 'Count', 'Last seen', 'Sample error', ''],
                failures.map(group => h('tr', {class: 'group'},
                    h('td', {}, group.type),
                    h('td', {class: 'mono'}, group.errorClass),
                    h('td', {class: 'num'}, group.count.toLocaleString()),
                    h('td', {}, formatInstant(group.lastSeen)),
                    h('td', {title: group.sampleError || ''}, cut(group.sampleError, 120)),
                    h('td', {}, h('a', {class: 'button', href: '#/group' + api.query(
                        {type: group.type, errorClass: group.errorClass})}, 'Open group'))))));
}

function renderJobs(section, running, more) {
    show(section, h('h2', {id: 'running-h'}, 'Jobs running now'),
        more ? h('p', {}, `The newest ${running.length} are shown; `, h('a', {href: '#/jobs'}, 'all jobs'), '.') : null,
        running.length === 0
            ? h('p', {class: 'empty'}, 'No bulk job is running. Start one from a failure group or see all jobs.')
            : h('ul', {class: 'jobs'}, running.map(job => h('li', {},
                h('a', {href: `#/jobs/${job.id}`}, `Job ${job.id}: ${job.kind} ${filterText(job.filter)}`),
                jobProgress(job)))));
}

function renderNodes(section, servers) {
    show(section, h('h2', {id: 'nodes-h'}, 'Nodes'),
        table('Rewind servers sharing the ledger', ['Name', 'Host', 'Started', 'Last heartbeat', 'Live'],
            servers.map(node => h('tr', {},
                h('td', {}, node.name, node.self ? ' (this one)' : ''),
                h('td', {}, node.host || ''),
                h('td', {}, formatInstant(node.startedAt)),
                h('td', {}, formatInstant(node.heartbeatAt)),
                h('td', {}, node.live ? 'yes' : 'no')))));
}
