// The admin API, as the logged-in person. The credentials live in this tab's sessionStorage and go in
// an Authorization header the page sets itself: the browser never remembers them (log-out forgets
// them) and never attaches them to a request another site makes (no cookie, so no CSRF).

const BASE = new URL('../api/', document.baseURI);
const KEY = 'rewind.session';

/** A refusal or failure of the API, with the problem document's words. */
export class ApiError extends Error {
    constructor(status, message) {
        super(message);
        this.status = status;
    }
}

export function session() {
    try {
        return JSON.parse(sessionStorage.getItem(KEY));
    } catch (e) {
        return null;
    }
}

export function canOperate() {
    const current = session();
    return !!current && current.roles.includes('rewind-operator');
}

/** Whether the session may decide requests held for approval (never its own: the server checks that). */
export function canApprove() {
    const current = session();
    return !!current && current.roles.includes('rewind-approver');
}

export function logOut() {
    sessionStorage.removeItem(KEY);
}

/** Listeners told when the server no longer accepts the session's credentials. */
const expired = [];
export function onExpired(listener) {
    expired.push(listener);
}

function encode(user, password) {
    const bytes = new TextEncoder().encode(`${user}:${password}`);
    let binary = '';
    bytes.forEach(b => { binary += String.fromCharCode(b); });
    return 'Basic ' + btoa(binary);
}

/** Logs in: the server's /me answers who this is and with which roles. */
export async function logIn(user, password) {
    const authorization = encode(user, password);
    const me = await call('GET', 'me', undefined, authorization);
    if (!me.roles.includes('rewind-viewer') && !me.roles.includes('rewind-operator')) {
        throw new ApiError(403, `${me.name} may send messages but not use the console (needs rewind-viewer or rewind-operator)`);
    }
    sessionStorage.setItem(KEY, JSON.stringify({authorization, name: me.name, roles: me.roles}));
    return me;
}

export function get(path) {
    return call('GET', path);
}

/**
 * A change (POST, PUT), with an Idempotency-Key of its own: should the same request reach the server twice
 * (a proxy retrying it), it acts once. Forms disable their button while a change is on its way.
 */
export function send(method, path, body) {
    return call(method, path, body);
}

async function call(method, path, body, authorization) {
    const current = session();
    const headers = {
        'Accept': 'application/json',
        'X-Requested-With': 'XMLHttpRequest',
    };
    const auth = authorization || (current && current.authorization);
    if (auth) {
        headers['Authorization'] = auth;
    }
    if (body !== undefined) {
        headers['Content-Type'] = 'application/json';
        headers['Idempotency-Key'] = crypto.randomUUID();
    }
    let response;
    try {
        response = await fetch(new URL(path, BASE), {
            method, headers, body: body === undefined ? undefined : JSON.stringify(body),
            credentials: 'omit', cache: 'no-store',
        });
    } catch (e) {
        throw new ApiError(0, 'The server cannot be reached: ' + e.message);
    }
    const text = await response.text();
    if (response.ok) {
        return text ? JSON.parse(text) : null;
    }
    const message = problemText(response, text);
    if (response.status === 401 && !authorization) {
        logOut();
        expired.forEach(listener => listener(message));
    }
    throw new ApiError(response.status, message);
}

/** The readable sentence of a problem+json answer (title, detail, invalid fields). */
function problemText(response, text) {
    try {
        const problem = JSON.parse(text);
        const parts = [problem.detail || problem.title || `HTTP ${response.status}`];
        if (Array.isArray(problem.violations) && problem.violations.length) {
            parts.push(problem.violations.join('; '));
        }
        if (response.status === 401) {
            return 'Wrong user or password, or the session ended: ' + parts.join(': ');
        }
        return parts.join(': ');
    } catch (e) {
        return `HTTP ${response.status} ${response.statusText}`;
    }
}

/** Query text for GET paths, leaving out empty values. */
export function query(values) {
    const params = new URLSearchParams();
    for (const [name, value] of Object.entries(values)) {
        if (value !== undefined && value !== null && value !== '') {
            params.set(name, value);
        }
    }
    const text = params.toString();
    return text ? '?' + text : '';
}
