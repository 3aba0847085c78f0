// Times are shown and typed in the zone the person chose in the header: their browser's or UTC.

const KEY = 'rewind.zone';

export function zone() {
    return localStorage.getItem(KEY) === 'utc' ? 'utc' : 'local';
}

export function setZone(value) {
    localStorage.setItem(KEY, value === 'utc' ? 'utc' : 'local');
}

const pad = (n, width = 2) => String(n).padStart(width, '0');

/** An API instant as "2026-11-29 14:03:12.345 UTC" or in local time with the offset. */
export function formatInstant(text) {
    if (!text) {
        return '';
    }
    const date = new Date(text);
    if (Number.isNaN(date.getTime())) {
        return String(text);
    }
    if (zone() === 'utc') {
        return `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())} `
            + `${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())}.`
            + `${pad(date.getUTCMilliseconds(), 3)} UTC`;
    }
    const offset = -date.getTimezoneOffset();
    const sign = offset >= 0 ? '+' : '-';
    return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} `
        + `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}.`
        + `${pad(date.getMilliseconds(), 3)} ${sign}${pad(Math.floor(Math.abs(offset) / 60))}:${pad(Math.abs(offset) % 60)}`;
}

/** A datetime-local input's value ("2026-11-29T14:03") read in the chosen zone, as an ISO instant. */
export function inputToInstant(value) {
    if (!value) {
        return null;
    }
    const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(value);
    if (!match) {
        throw new Error(`'${value}' is not a date and time`);
    }
    const [, y, mo, d, hh, mm, ss] = match.map(Number);
    const date = zone() === 'utc'
        ? new Date(Date.UTC(y, mo - 1, d, hh, mm, ss || 0))
        : new Date(y, mo - 1, d, hh, mm, ss || 0);
    return date.toISOString();
}

/** An ISO instant as a datetime-local input's value in the chosen zone. */
export function instantToInput(text) {
    if (!text) {
        return '';
    }
    const date = new Date(text);
    if (Number.isNaN(date.getTime())) {
        return '';
    }
    return zone() === 'utc'
        ? `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}T${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())}`
        : `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`;
}
