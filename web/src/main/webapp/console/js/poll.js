// Refreshing a page without hammering the server: one request at a time, a steady interval while
// the answers come, doubling (up to a minute) while they fail, and nothing while the tab is hidden.

export function poll(task, intervalMs) {
    let stopped = false;
    let timer = null;
    let delay = intervalMs;

    async function run() {
        timer = null;
        if (stopped) {
            return;
        }
        if (document.hidden) {
            document.addEventListener('visibilitychange', run, {once: true});
            return;
        }
        let again;
        try {
            again = await task();
            delay = intervalMs;
        } catch (e) {
            again = true;
            delay = Math.min(delay * 2, 60000);
        }
        if (!stopped && again !== false) {
            timer = setTimeout(run, delay);
        }
    }

    run();
    return () => {
        stopped = true;
        if (timer) {
            clearTimeout(timer);
        }
        document.removeEventListener('visibilitychange', run);
    };
}
