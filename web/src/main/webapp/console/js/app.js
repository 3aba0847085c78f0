// The console's frame: log in, log out, the time zone, and which page the URL names.

import * as api from './api.js';
import {h, notice, show} from './dom.js';
import {approvals} from './approvals.js';
import {entries} from './entries.js';
import {entry} from './entry.js';
import {group} from './group.js';
import {job, jobs} from './jobs.js';
import {overview} from './overview.js';
import {setZone, zone} from './time.js';

const view = document.getElementById('view');
const login = document.getElementById('login');
const loginForm = document.getElementById('login-form');
const loginError = document.getElementById('login-error');
let leave = null;

/** The page for a URL fragment: "#/entries/{id}", "#/jobs?…", … */
function route() {
    if (leave) {
        leave();
        leave = null;
    }
    const current = api.session();
    document.getElementById('nav').hidden = !current;
    document.getElementById('session').hidden = !current;
    login.hidden = !!current;
    if (!current) {
        show(view);
        document.getElementById('login-user').focus();
        return;
    }
    const roles = [current.roles.includes('rewind-operator') ? 'operator'
        : current.roles.includes('rewind-viewer') ? 'viewer' : null,
    current.roles.includes('rewind-approver') ? 'approver' : null].filter(Boolean);
    show(document.getElementById('who'), `${current.name} (${roles.join(', ') || 'no role'})`);
    const [path, search] = (location.hash.replace(/^#/, '') || '/').split('?');
    const params = new URLSearchParams(search || '');
    const parts = path.split('/').filter(Boolean);
    let section = parts[0] || 'overview';
    if (section === 'group') {
        section = 'overview';
    }
    document.querySelectorAll('[data-nav]').forEach(link => {
        if (link.dataset.nav === section) {
            link.setAttribute('aria-current', 'page');
        } else {
            link.removeAttribute('aria-current');
        }
    });
    const pages = {
        '': () => overview(view),
        'group': () => group(view, params),
        'entries': () => parts[1] ? entry(view, parts[1]) : entries(view, params),
        'jobs': () => parts[1] ? job(view, parts[1]) : jobs(view),
        'approvals': () => approvals(view, params),
    };
    const page = pages[parts[0] || ''];
    if (!page) {
        show(view, h('h1', {}, 'Not found'), notice('error', `The console has no page '${path}'.`),
            h('a', {href: '#/'}, 'Go to the overview'));
        return;
    }
    leave = page() || null;
    const heading = view.querySelector('h1');
    document.title = heading ? `${heading.textContent} \u2013 Rewind` : 'Rewind console';
}

loginForm.addEventListener('submit', async event => {
    event.preventDefault();
    const button = loginForm.querySelector('button');
    button.disabled = true;
    show(loginError);
    try {
        await api.logIn(loginForm.elements.user.value, loginForm.elements.password.value);
        loginForm.reset();
        route();
    } catch (e) {
        show(loginError, e.message);
    } finally {
        button.disabled = false;
    }
});

document.getElementById('logout').addEventListener('click', () => {
    api.logOut();
    show(loginError, 'You are logged out.');
    route();
});

const zoneSelect = document.getElementById('zone');
zoneSelect.value = zone();
zoneSelect.addEventListener('change', () => {
    setZone(zoneSelect.value);
    route();
});

api.onExpired(message => {
    show(loginError, message);
    route();
});

window.addEventListener('hashchange', route);
route();
