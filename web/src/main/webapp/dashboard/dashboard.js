// The dashboard: one page over the platform's own API (nothing here reads a database). Every
// panel says "loaded" or "error" in its data-state attribute, and every refusal of the API is
// shown with the problem's detail and the fields it names.
'use strict';

const MAP_DAYS = 180;
// The server's today, hot window, tables and the days PostgreSQL holds (GET api/etl/overview),
// read at load and with every redraw of the map: the browser's clock and zone are not the server's.
let overview = null;
const PAGE_ROWS = 25;
// The most answer rows the analytics panel gathers (page by page) for its table and chart.
const ANSWER_ROWS = 10000;

const PLACES = {
    both: {label: 'PostgreSQL and lake', color: '#32a852'},
    lake: {label: 'lake only', color: '#2e6fd8'},
    archived: {label: 'archived', color: '#98a2b3'},
    exporting: {label: 'exporting', color: '#7cd4fd'},
    hot: {label: 'PostgreSQL only', color: '#f79009'},
    failed: {label: 'export failed', color: '#d92d20'},
    damaged: {label: 'damaged copy', color: '#7a271a'}
};

class ApiError extends Error {
    constructor(status, problem) {
        super(describe(status, problem));
        this.status = status;
        this.problem = problem;
    }
}

function describe(status, problem) {
    if (problem && typeof problem === 'object') {
        const fields = (problem.errors || []).map(e => `${e.field}: ${e.message}`);
        return [`${problem.title || 'Error'} (${status}): ${problem.detail || ''}`].concat(fields).join('\n');
    }
    return `The server answered ${status}${problem ? ': ' + String(problem).slice(0, 300) : ''}`;
}

// The user's HTTP Basic credentials, kept in this tab's session storage only and sent by the
// page itself with each call (never by the browser on its own, so no other site can use them).
const AUTHORIZATION = 'tokyoia.authorization';
// A tab left alone signs out: after this long without a click or a key, the credentials are dropped
// and the next call asks for them again.
const IDLE_LIMIT_MS = 30 * 60 * 1000;
const LAST_ACTIVE = AUTHORIZATION + '.active';
let signingIn = null;

const IDLE_MESSAGE = 'Signed out after 30 minutes without activity; sign in again.';
// With OpenID Connect (oidc-dashboard.cli) the server asks for bearer tokens instead of a password:
// the page then signs in at sso/, through the provider, and the session's cookie authenticates its
// calls (the server ends the session after 30 minutes without a call).
let singleSignOn = false;
const SINGLE_SIGN_ON = 'tokyoia.single-sign-on';

/** Sends the browser through the provider, unless the user signed out or the session ended here. */
function signInThroughProvider() {
    const notice = document.getElementById('sso-notice');
    if (singleSignOn || new URLSearchParams(location.search).has('signed-out')) {
        document.getElementById('sso-notice-text').textContent = singleSignOn
            ? 'Your session ended (30 minutes without activity, or signed out elsewhere).' : 'Signed out.';
        notice.hidden = false;
        singleSignOn = false;
        showSignedIn();
    } else {
        location.assign('sso/');
    }
    return new Promise(() => {});
}

function signOutOfProvider() {
    const form = document.createElement('form');
    form.method = 'post';
    form.action = 'sso/sign-out';
    document.body.appendChild(form);
    form.submit();
}

function markActive() {
    // The first click after too long a pause signs out rather than counting as activity.
    if (signedOutForIdleness()) {
        askForCredentials(IDLE_MESSAGE);
    } else if (sessionStorage.getItem(AUTHORIZATION)) {
        sessionStorage.setItem(LAST_ACTIVE, String(Date.now()));
    }
}

function forgetCredentials() {
    sessionStorage.removeItem(AUTHORIZATION);
    sessionStorage.removeItem(AUTHORIZATION + '.user');
    sessionStorage.removeItem(LAST_ACTIVE);
    showSignedIn();
}

/** True when the signed-in user has been idle too long; their credentials are then gone. */
function signedOutForIdleness() {
    const active = Number(sessionStorage.getItem(LAST_ACTIVE) || 0);
    if (sessionStorage.getItem(AUTHORIZATION) && Date.now() - active > IDLE_LIMIT_MS) {
        forgetCredentials();
        return true;
    }
    return false;
}

function askForCredentials(message) {
    if (!signingIn) {
        signingIn = new Promise(resolve => {
            const dialog = document.getElementById('login');
            const text = document.getElementById('login-message');
            text.textContent = message || '';
            text.hidden = !message;
            document.getElementById('login-form').onsubmit = () => {
                const user = document.getElementById('login-user').value;
                const password = document.getElementById('login-password').value;
                sessionStorage.setItem(AUTHORIZATION, 'Basic ' + btoa(unescape(encodeURIComponent(user + ':' + password))));
                sessionStorage.setItem(AUTHORIZATION + '.user', user);
                sessionStorage.setItem(LAST_ACTIVE, String(Date.now()));
                document.getElementById('login-password').value = '';
                signingIn = null;
                showSignedIn();
                resolve();
            };
            dialog.showModal();
        });
    }
    return signingIn;
}

function showSignedIn() {
    const user = sessionStorage.getItem(AUTHORIZATION + '.user');
    const label = document.getElementById('signed-in');
    label.textContent = user ? `signed in as ${user}` : singleSignOn ? 'signed in through single sign-on' : '';
    label.hidden = !user && !singleSignOn;
    document.getElementById('sign-out').hidden = !user && !singleSignOn;
}

async function api(path, options) {
    let response;
    if (signedOutForIdleness()) {
        await askForCredentials(IDLE_MESSAGE);
    }
    for (;;) {
        // X-Requested-With: the server answers 401 rather than redirecting, and takes a session's
        // write as the page's own (SessionRequestForgeryFilter).
        const headers = Object.assign({'Accept': 'application/json', 'X-Requested-With': 'XMLHttpRequest'},
            (options && options.headers) || {});
        const authorization = sessionStorage.getItem(AUTHORIZATION);
        if (authorization) {
            headers['Authorization'] = authorization;
        }
        try {
            // Cookies only once the server has asked for single sign-on: with 'same-origin' a Basic
            // challenge would make the browser prompt on its own; Basic credentials are only ever this header.
            const credentials = sessionStorage.getItem(SINGLE_SIGN_ON) ? 'same-origin' : 'omit';
            response = await fetch(path, Object.assign({}, options, {headers: headers, credentials: credentials}));
        } catch (e) {
            throw new Error(`Cannot reach the server (${e.message})`);
        }
        if (response.status !== 401) {
            if (!authorization && !singleSignOn && response.ok) {
                singleSignOn = true;
                showSignedIn();
            }
            break;
        }
        if (/^Bearer/i.test(response.headers.get('WWW-Authenticate') || '')) {
            if (!sessionStorage.getItem(SINGLE_SIGN_ON)) {
                sessionStorage.setItem(SINGLE_SIGN_ON, '1');
                continue;  // again, with the session's cookie
            }
            await signInThroughProvider();
        }
        sessionStorage.removeItem(AUTHORIZATION);
        await askForCredentials(authorization ? 'That user and password were not accepted.' : '');
    }
    const type = response.headers.get('Content-Type') || '';
    const body = type.includes('json') ? await response.json() : await response.text();
    if (!response.ok) {
        throw new ApiError(response.status, body);
    }
    return body;
}

function post(path, json) {
    return api(path, {method: 'POST', headers: {'Content-Type': 'application/json', 'Accept': 'application/json'},
        body: json === undefined ? undefined : JSON.stringify(json)});
}

function showError(id, error) {
    const element = document.getElementById(id);
    if (error) {
        element.textContent = error.message;
        element.hidden = false;
    } else {
        element.textContent = '';
        element.hidden = true;
    }
}

function utcToday() {
    return overview ? overview.today : new Date().toISOString().slice(0, 10);
}

function addDays(day, n) {
    const d = new Date(day + 'T00:00:00Z');
    d.setUTCDate(d.getUTCDate() + n);
    return d.toISOString().slice(0, 10);
}

function daysBetween(from, to) {
    const days = [];
    for (let d = from; d <= to; d = addDays(d, 1)) {
        days.push(d);
    }
    return days;
}

function cell(row, text, className) {
    const td = document.createElement('td');
    td.textContent = text === null || text === undefined ? '' : String(text);
    if (className) {
        td.className = className;
    }
    row.appendChild(td);
    return td;
}

// Text from the API going into markup the chart library renders as HTML (its tooltips).
function escapeHtml(text) {
    return String(text).replace(/[&<>"']/g, c => ({'&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;'})[c]);
}

function number(value, digits) {
    if (value === null || value === undefined || value === '') {
        return '';
    }
    return Number(value).toLocaleString('en-US', {maximumFractionDigits: digits === undefined ? 0 : digits});
}

function bytes(value) {
    const units = ['B', 'KB', 'MB', 'GB', 'TB'];
    let v = Number(value || 0);
    let unit = 0;
    while (v >= 1024 && unit < units.length - 1) {
        v /= 1024;
        unit++;
    }
    return `${v.toFixed(unit === 0 ? 0 : 1)} ${units[unit]}`;
}

function chart(id) {
    const element = document.getElementById(id);
    return echarts.getInstanceByDom(element) || echarts.init(element);
}

// --- Hot and cold -------------------------------------------------------------------------------

// Proven copies are placed by whether PostgreSQL still holds the day (a re-imported day is back
// in both); the manifest's latest version tells failed and running exports.
function placeOf(entry, readable, inPostgres) {
    switch (entry.status) {
        case 'VALIDATED':
        case 'PURGED':
        case 'ARCHIVED':
            // A check (deep verify, the scrub, retention's) found the proven copy's bytes changed or gone.
            if (entry.damage) {
                return 'damaged';
            }
            // An empty day has nothing PostgreSQL could have lost.
            if (inPostgres || entry.rowCount === 0) {
                return 'both';
            }
            return readable === false || entry.status === 'ARCHIVED' ? 'archived' : 'lake';
        case 'FAILED':
            return 'failed';
        default:
            return 'exporting';
    }
}

async function loadLake() {
    const panel = document.getElementById('lake');
    const today = utcToday();
    const from = addDays(today, -MAP_DAYS);
    const last = addDays(today, -1);
    try {
        const [entries, copies, fresh] = await Promise.all([api(`api/etl/days?from=${from}&to=${last}`),
            api(`api/etl/storage?from=${from}&to=${last}`), api(`api/etl/overview?days=${MAP_DAYS}`)]);
        overview = fresh;
        const readable = new Map(copies.map(c => [`${c.table}/${c.day}`, c.readable]));
        const tables = [...overview.tables].sort();
        const days = daysBetween(from, last);
        const byKey = new Map(entries.map(e => [`${e.table}/${e.day}`, e]));
        const hotFrom = overview.hotFrom;
        const held = new Set(Object.entries(overview.inPostgres).flatMap(([table, list]) => list.map(day => `${table}/${day}`)));
        const series = {};
        Object.keys(PLACES).forEach(p => series[p] = []);
        const counts = {};
        for (const table of tables) {
            for (const day of days) {
                const key = `${table}/${day}`;
                const entry = byKey.get(key);
                const place = entry ? placeOf(entry, readable.get(key), held.has(key)) : (held.has(key) ? 'hot' : null);
                if (!place) {
                    continue;
                }
                counts[place] = (counts[place] || 0) + 1;
                series[place].push([day, table, entry ? entry.version : null, entry ? entry.rowCount : null,
                    entry && entry.damage ? entry.damage : null]);
            }
        }
        document.getElementById('lake-summary').textContent = Object.keys(PLACES).filter(p => counts[p])
            .map(p => `${PLACES[p].label}: ${counts[p]} table-days`).join(' · ') || 'No day exported yet.';
        const map = chart('lake-chart');
        map.setOption({
            // Kept inside the chart and wrapped: a damaged copy's finding is a long line.
            tooltip: {
                confine: true,
                extraCssText: 'white-space: normal; max-width: 480px; word-break: break-all;',
                formatter: p => `${p.value[1]} ${p.value[0]}<br>${p.seriesName}`
                    + (p.value[2] ? `<br>version ${p.value[2]}, ${number(p.value[3])} rows` : '')
                    + (p.value[4] ? `<br>${escapeHtml(p.value[4])}` : '')
            },
            legend: {top: 0},
            grid: {left: 130, right: 20, top: 40, bottom: 50},
            xAxis: {type: 'category', data: days, axisLabel: {interval: 14}},
            yAxis: {type: 'category', data: tables},
            series: Object.keys(PLACES).map((p, i) => ({
                name: PLACES[p].label, type: 'scatter', symbol: 'rect', symbolSize: [5, 22],
                itemStyle: {color: PLACES[p].color}, data: series[p],
                markLine: i === 0 ? {symbol: 'none', label: {formatter: 'hot window'}, lineStyle: {color: '#444', type: 'dashed'},
                    data: [{xAxis: hotFrom}]} : undefined
            }))
        }, true);
        map.off('click');
        map.on('click', p => {
            // The hot window's line is clickable too; only cells are days.
            if (p.componentType === 'series' && Array.isArray(p.value)) {
                showDay(p.value[1], p.value[0], p.seriesName, p.value[4]);
            }
        });
        panel.dataset.state = 'loaded';
        showError('lake-error', null);
    } catch (e) {
        panel.dataset.state = 'error';
        showError('lake-error', e);
    }
}

function showDay(table, day, place, damage) {
    const detail = document.getElementById('day-detail');
    detail.hidden = false;
    detail.replaceChildren();
    const title = document.createElement('strong');
    title.textContent = `${table} ${day}: ${place}`;
    detail.appendChild(title);
    if (damage) {
        // What the check found, and the ways back (docs/runbook.md, data corruption).
        const found = document.createElement('p');
        found.className = 'damage';
        found.textContent = `${damage}. Analytics refuses this day until a check finds the copy whole again: restore the `
            + 'proven version (a versioned bucket), or re-export the day while PostgreSQL still holds it.';
        detail.appendChild(found);
    }
    const outcome = document.createElement('div');
    const actions = [['Verify the lake copy', 'verify'], ['Re-export', 'reexport']];
    if (damage) {
        actions.push(['Restore the proven version', 'restore-object']);
    }
    for (const [label, action] of actions) {
        const button = document.createElement('button');
        button.textContent = label;
        button.type = 'button';
        button.addEventListener('click', async () => {
            outcome.textContent = '…';
            try {
                const answer = await post(`api/etl/days/${table}/${day}/${action}`);
                outcome.textContent = action === 'reexport' ? `Re-export started as execution ${answer.executionId}.`
                    : `${action === 'verify' ? 'Verified' : 'Restore'}: ${JSON.stringify(answer)}`;
                if (action === 'reexport') {
                    followRun(answer.executionId);
                }
            } catch (e) {
                outcome.textContent = e.message;
            }
        });
        detail.appendChild(document.createTextNode(' '));
        detail.appendChild(button);
    }
    detail.appendChild(outcome);
}

// --- ETL ------------------------------------------------------------------------------------------

// Proven days kept where this deployment does not read (a lake left behind, or moved ahead by a migration).
async function loadPlacement() {
    const notice = document.getElementById('lake-placement');
    try {
        const placement = await api('api/etl/lake/placement');
        notice.hidden = !placement.advice;
        notice.textContent = placement.advice ? `Lake placement: ${placement.advice}` : '';
    } catch (e) {
        notice.hidden = false;
        notice.textContent = `Lake placement could not be read: ${e.message}`;
    }
}

async function loadRuns() {
    const panel = document.getElementById('etl');
    try {
        const runs = await api('api/etl/runs');
        const body = document.querySelector('#etl-runs tbody');
        body.replaceChildren();
        for (const run of runs) {
            const row = document.createElement('tr');
            cell(row, run.executionId, 'number');
            cell(row, run.job);
            cell(row, run.status, `status-${run.status}`).title = run.exitStatus || '';
            const range = run.from ? `${run.from} .. ${run.to}` : '';
            cell(row, run.target ? `to ${run.target}${range ? ` (${range})` : ''}` : range);
            cell(row, run.tables);
            cell(row, run.daysTotal ? `${run.daysDone}/${run.daysTotal}` : '', 'number');
            if (run.job === 'migrate-lake') {
                cell(row, `${bytes(run.bytes)} of ${bytes(run.bytesTotal)}`, 'number');
                cell(row, `${bytes(run.bytesPerSecond)}/s`, 'number');
            } else {
                cell(row, number(run.rows), 'number');
                cell(row, `${number(run.rowsPerSecond)} rows/s`, 'number');
            }
            cell(row, run.started && run.ended ? `${((Date.parse(run.ended) - Date.parse(run.started)) / 1000).toFixed(1)} s` : '',
                'number');
            cell(row, run.started ? run.started.replace('T', ' ').slice(0, 19) : '');
            body.appendChild(row);
        }
        panel.dataset.state = 'loaded';
    } catch (e) {
        panel.dataset.state = 'error';
        showError('etl-error', e);
    }
}

async function followRun(executionId) {
    const progress = document.getElementById('backfill-progress');
    const fill = progress.querySelector('.fill');
    const label = progress.querySelector('.label');
    progress.hidden = false;
    progress.dataset.execution = executionId;
    progress.dataset.status = 'STARTING';
    for (;;) {
        let run;
        try {
            run = await api(`api/etl/runs/${executionId}`);
        } catch (e) {
            label.textContent = e.message;
            return;
        }
        const share = run.daysTotal ? run.daysDone / run.daysTotal : 0;
        fill.style.width = `${Math.round(share * 100)}%`;
        progress.dataset.status = run.status;
        progress.dataset.percent = String(Math.round(share * 100));
        label.textContent = `execution ${executionId}: ${run.status}, ${run.daysDone || 0} of ${run.daysTotal || '?'} table-days, `
            + `${number(run.rows)} rows` + (run.rowsExpected ? ` of about ${number(run.rowsExpected)}` : '')
            + (run.rowsPerSecond ? `, ${number(run.rowsPerSecond)} rows/s` : '');
        if (!['STARTING', 'STARTED', 'STOPPING'].includes(run.status)) {
            loadRuns();
            loadLake();
            return;
        }
        await new Promise(resolve => setTimeout(resolve, 1000));
    }
}

function setUpBackfill(tables) {
    const form = document.getElementById('backfill-form');
    const select = form.elements.tables;
    for (const table of tables) {
        const option = document.createElement('option');
        option.value = table;
        option.textContent = table;
        select.appendChild(option);
    }
    form.elements.from.value = addDays(utcToday(), -7);
    form.elements.to.value = addDays(utcToday(), -1);
    form.addEventListener('submit', async event => {
        event.preventDefault();
        showError('etl-error', null);
        const request = {from: form.elements.from.value};
        if (form.elements.to.value) {
            request.to = form.elements.to.value;
        }
        if (select.value) {
            request.tables = select.value;
        }
        try {
            const started = await post('api/etl/backfill', request);
            loadRuns();
            followRun(started.executionId);
        } catch (e) {
            showError('etl-error', e);
        }
    });
}

// --- Analytics --------------------------------------------------------------------------------------

let result = null;
let page = 0;

function analyticsQuery() {
    const form = document.getElementById('analytics-form');
    return {name: form.elements.query.value,
        search: new URLSearchParams({from: form.elements.from.value, to: form.elements.to.value}).toString()};
}

async function quote() {
    showError('analytics-error', null);
    const box = document.getElementById('analytics-quote');
    const q = analyticsQuery();
    try {
        const answer = await api(`api/analytics/${encodeURIComponent(q.name)}/quote?${q.search}`);
        box.textContent = `Quote: ${answer.hotDays.length} day(s) from PostgreSQL, ${answer.coldDays.length} from the lake`
            + (answer.missingDays.length ? `, ${answer.missingDays.length} missing` : '')
            + (answer.archivedDays.length ? `, ${answer.archivedDays.length} archived (restore first)` : '')
            + `; cold scan ${bytes(answer.quotedBytes)}, $${Number(answer.quotedUsd).toFixed(6)}.`;
        box.hidden = false;
        return answer;
    } catch (e) {
        box.hidden = true;
        showError('analytics-error', e);
        return null;
    }
}

async function run() {
    showError('analytics-error', null);
    const q = analyticsQuery();
    const box = document.getElementById('analytics-result');
    try {
        // The chart needs the whole answer: its pages are gathered (after the first, cache hits) up to ANSWER_ROWS.
        const path = `api/analytics/${encodeURIComponent(q.name)}?${q.search}`;
        result = await api(path);
        while (result.nextCursor && result.rows.length < ANSWER_ROWS) {
            const next = await api(`${path}&cursor=${encodeURIComponent(result.nextCursor)}`);
            result = {...result, rows: result.rows.concat(next.rows), nextCursor: next.nextCursor};
        }
    } catch (e) {
        box.hidden = true;
        showError('analytics-error', e);
        return;
    }
    page = 0;
    box.hidden = false;
    const shown = result.nextCursor ? `the first ${result.rows.length} of ${result.totalRows} rows (the API pages the rest)`
        : `${result.rows.length} row(s)`;
    box.querySelector('.provenance').textContent = `${shown} in ${result.durationMs} ms; engine ${result.engine}; `
        + `${result.hotDays.length} hot day(s), ${result.coldDays.length} cold; quoted ${bytes(result.quotedBytes)}, `
        + `cost $${Number(result.costUsd).toFixed(6)}; ${result.cacheHit ? 'answered from the cache' : 'computed now'}.`;
    renderPage();
    renderChart();
}

function renderPage() {
    const box = document.getElementById('analytics-result');
    const rows = result.rows;
    const columns = rows.length ? Object.keys(rows[0]) : [];
    const head = box.querySelector('thead');
    head.replaceChildren();
    const headRow = document.createElement('tr');
    columns.forEach(c => {
        const th = document.createElement('th');
        th.textContent = c;
        headRow.appendChild(th);
    });
    head.appendChild(headRow);
    const body = box.querySelector('tbody');
    body.replaceChildren();
    for (const row of rows.slice(page * PAGE_ROWS, (page + 1) * PAGE_ROWS)) {
        const tr = document.createElement('tr');
        columns.forEach(c => cell(tr, typeof row[c] === 'number' ? number(row[c], 6) : row[c], typeof row[c] === 'number' ? 'number' : ''));
        body.appendChild(tr);
    }
    const pages = Math.max(1, Math.ceil(rows.length / PAGE_ROWS));
    box.querySelector('.page').textContent = `page ${page + 1} of ${pages}`;
    box.querySelector('.previous').disabled = page === 0;
    box.querySelector('.next').disabled = page >= pages - 1;
}

// The first numeric column, summed per day when the answer has days, else per its first text column.
function renderChart() {
    const rows = result.rows;
    const target = chart('analytics-chart');
    if (!rows.length) {
        target.clear();
        return;
    }
    const columns = Object.keys(rows[0]);
    const measure = columns.find(c => typeof rows[0][c] === 'number');
    const dimension = columns.includes('day') ? 'day' : columns.find(c => typeof rows[0][c] === 'string');
    if (!measure || !dimension) {
        target.clear();
        return;
    }
    const sums = new Map();
    rows.forEach(r => sums.set(r[dimension], (sums.get(r[dimension]) || 0) + Number(r[measure])));
    let entries = [...sums.entries()];
    if (dimension !== 'day') {
        entries = entries.sort((a, b) => b[1] - a[1]).slice(0, 20);
    }
    target.setOption({
        title: {text: `${measure} by ${dimension}`, textStyle: {fontSize: 13}},
        tooltip: {trigger: 'axis'},
        grid: {left: 70, right: 20, top: 40, bottom: 60},
        xAxis: {type: 'category', data: entries.map(e => String(e[0]).slice(0, 12)), axisLabel: {rotate: 30}},
        yAxis: {type: 'value'},
        series: [{type: dimension === 'day' ? 'line' : 'bar', data: entries.map(e => e[1]), itemStyle: {color: '#2e6fd8'}}]
    }, true);
}

async function setUpAnalytics() {
    const panel = document.getElementById('analytics');
    const form = document.getElementById('analytics-form');
    try {
        const catalog = await api('api/analytics');
        for (const query of catalog) {
            const option = document.createElement('option');
            option.value = query.name;
            option.textContent = query.name;
            option.title = query.description;
            form.elements.query.appendChild(option);
        }
        const describeQuery = () => {
            const query = catalog.find(q => q.name === form.elements.query.value);
            document.getElementById('analytics-description').textContent = query
                ? `${query.description}. Parameters: ${query.parameters.join('; ')}.` : '';
        };
        form.elements.query.addEventListener('change', describeQuery);
        describeQuery();
        form.elements.from.value = addDays(utcToday(), -30);
        form.elements.to.value = utcToday();
        document.getElementById('analytics-quote-button').addEventListener('click', quote);
        form.addEventListener('submit', event => {
            event.preventDefault();
            run();
        });
        const box = document.getElementById('analytics-result');
        box.querySelector('.previous').addEventListener('click', () => {
            page--;
            renderPage();
        });
        box.querySelector('.next').addEventListener('click', () => {
            page++;
            renderPage();
        });
        panel.dataset.state = 'loaded';
    } catch (e) {
        panel.dataset.state = 'error';
        showError('analytics-error', e);
    }
}

// --- Alerts -------------------------------------------------------------------------------------------

async function loadAlerts() {
    const panel = document.getElementById('alerts');
    try {
        const incidents = await api('api/alerts/incidents?limit=20');
        const open = incidents.filter(i => i.open);
        document.getElementById('alerts-summary').textContent = open.length
            ? `${open.length} open incident${open.length > 1 ? 's' : ''}: ${open.map(i => i.alert + ' ' + i.subject).join(', ')}`
            : 'No open incident: nothing needs you.';
        const body = document.querySelector('#alerts-table tbody');
        body.replaceChildren();
        for (const i of incidents) {
            const row = document.createElement('tr');
            row.className = i.open ? 'incident-open' : 'incident-cleared';
            cell(row, i.open ? 'OPEN' : 'cleared');
            cell(row, i.alert);
            cell(row, i.subject);
            cell(row, i.summary);
            cell(row, i.open ? i.action : '');
            cell(row, i.openedAt);
            cell(row, i.clearedAt || '');
            body.appendChild(row);
        }
        showError('alerts-error', null);
        panel.dataset.state = 'loaded';
    } catch (e) {
        panel.dataset.state = 'error';
        showError('alerts-error', e);
    }
}

function setUpAlertCheck() {
    document.getElementById('alerts-check').addEventListener('click', async () => {
        try {
            const result = await post('api/alerts/check');
            await loadAlerts();
            document.getElementById('alerts-summary').textContent += ` Checked ${result.checked.join(', ')} at ${result.at}: `
                + `${result.opened.length} opened, ${result.cleared.length} cleared`
                + (result.errors.length ? `; could not check ${result.errors.join('; ')}` : '') + '.';
        } catch (e) {
            showError('alerts-error', e);
        }
    });
}

// --- Costs and storage ---------------------------------------------------------------------------------

function usd(value, digits = 2) {
    return Number(value).toFixed(digits);
}

function showTopQueries(costs) {
    const perQuery = new Map();
    for (const c of costs) {
        const q = perQuery.get(c.query) || {query: c.query, queries: 0, cacheHits: 0, scannedBytes: 0, costUsd: 0};
        q.queries += Number(c.queries);
        q.cacheHits += Number(c.cacheHits);
        q.scannedBytes += Number(c.scannedBytes || 0);
        q.costUsd += Number(c.costUsd);
        perQuery.set(c.query, q);
    }
    const body = document.querySelector('#top-queries-table tbody');
    body.replaceChildren();
    for (const q of [...perQuery.values()].sort((a, b) => b.costUsd - a.costUsd).slice(0, 10)) {
        const row = document.createElement('tr');
        cell(row, q.query);
        cell(row, number(q.queries), 'number');
        cell(row, number(q.cacheHits), 'number');
        cell(row, bytes(q.scannedBytes), 'number');
        cell(row, q.costUsd.toFixed(6), 'number');
        body.appendChild(row);
    }
}

function showFootprint(footprint) {
    const tables = document.querySelector('#footprint-table tbody');
    const storage = document.querySelector('#storage-table tbody');
    tables.replaceChildren();
    storage.replaceChildren();
    for (const t of footprint.tables) {
        const row = document.createElement('tr');
        cell(row, t.table);
        cell(row, bytes(t.postgresBytes), 'number');
        cell(row, number(t.postgresRows), 'number');
        cell(row, number(t.lakeDays), 'number');
        cell(row, number(t.lakeRows), 'number');
        cell(row, bytes(t.lakeBytes), 'number');
        cell(row, t.compressionRatio == null ? '-' : `${t.compressionRatio}x`, 'number');
        cell(row, t.lagDays == null ? 'never exported' : number(t.lagDays), 'number');
        tables.appendChild(row);
        for (const o of t.lakeObjects) {
            const line = document.createElement('tr');
            cell(line, o.table);
            cell(line, o.storageClass);
            cell(line, number(o.objects), 'number');
            cell(line, bytes(o.bytes), 'number');
            storage.appendChild(line);
        }
    }
    const monthly = document.querySelector('#monthly-table tbody');
    monthly.replaceChildren();
    for (const line of footprint.monthly.lines) {
        const row = document.createElement('tr');
        cell(row, line.item);
        cell(row, line.basis);
        cell(row, usd(line.usd, 4), 'number');
        monthly.appendChild(row);
    }
    const total = Number(footprint.monthly.totalUsd);
    const postgresOnly = Number(footprint.monthly.allInPostgresUsd);
    const saved = postgresOnly > 0 ? Math.round(100 * (1 - total / postgresOnly)) : 0;
    document.getElementById('monthly-summary').textContent = `About $${usd(total)} a month. Keeping every day in PostgreSQL `
        + `instead would cost about $${usd(postgresOnly)} a month: `
        + (saved > 0 ? `the lake saves ${saved}%.` : saved < 0 ? `the lake costs ${-saved}% more at this size.` : 'about the same at this size.');
}

async function loadCosts() {
    const panel = document.getElementById('costs');
    try {
        const [costs, budget, footprint] = await Promise.all([api('api/costs'), api('api/costs/budget'), api('api/etl/footprint')]);
        document.getElementById('budget').textContent = `Analytics budget today (${budget.day}): $${usd(budget.leftUsd)} left of `
            + `$${usd(budget.dailyBudgetUsd)} ($${usd(budget.spentUsd, 4)} spent on cold scans); one query may cost up to $${usd(budget.maxQueryUsd)}.`;
        const body = document.querySelector('#costs-table tbody');
        body.replaceChildren();
        const perDay = new Map();
        for (const c of costs) {
            const row = document.createElement('tr');
            cell(row, c.day);
            cell(row, c.query);
            cell(row, number(c.queries), 'number');
            cell(row, number(c.cacheHits), 'number');
            cell(row, bytes(c.quotedBytes), 'number');
            cell(row, bytes(c.scannedBytes), 'number');
            cell(row, Number(c.costUsd).toFixed(6), 'number');
            body.appendChild(row);
            perDay.set(c.day, (perDay.get(c.day) || 0) + Number(c.costUsd));
        }
        showTopQueries(costs);
        const days = [...perDay.keys()].sort();
        chart('costs-chart').setOption({
            title: {text: costs.length ? 'Cold-scan cost per day (USD)' : 'No analytics query logged in the last 30 days',
                textStyle: {fontSize: 13}},
            tooltip: {trigger: 'axis'},
            grid: {left: 70, right: 20, top: 40, bottom: 40},
            xAxis: {type: 'category', data: days},
            yAxis: {type: 'value'},
            series: [{type: 'bar', data: days.map(d => perDay.get(d)), itemStyle: {color: '#f79009'}}]
        }, true);
        showFootprint(footprint);
        panel.dataset.state = 'loaded';
    } catch (e) {
        panel.dataset.state = 'error';
        showError('costs-error', e);
    }
}

document.addEventListener('DOMContentLoaded', async () => {
    showSignedIn();
    document.getElementById('sign-out').addEventListener('click', event => {
        event.preventDefault();
        if (singleSignOn) {
            signOutOfProvider();
            return;
        }
        forgetCredentials();
        location.reload();
    });
    document.addEventListener('click', markActive, true);
    document.addEventListener('keydown', markActive, true);
    // Checked once a minute too, so an idle tab does not keep showing data after its session ended.
    setInterval(() => {
        if (signedOutForIdleness()) {
            askForCredentials(IDLE_MESSAGE);
        }
    }, 60 * 1000);
    try {
        overview = await api(`api/etl/overview?days=${MAP_DAYS}`);
    } catch (e) {
        document.querySelectorAll('.panel').forEach(p => p.dataset.state = 'error');
        showError('lake-error', e);
        return;
    }
    document.getElementById('today').textContent = `the server's today is ${overview.today}`;
    document.getElementById('hot-days').textContent = String(overview.hotDays);
    setUpBackfill(overview.tables);
    setUpAlertCheck();
    await Promise.all([loadAlerts(), loadLake(), loadPlacement(), loadRuns(), setUpAnalytics(), loadCosts()]);
    window.addEventListener('resize', () => ['lake-chart', 'analytics-chart', 'costs-chart']
        .forEach(id => echarts.getInstanceByDom(document.getElementById(id))?.resize()));
});
