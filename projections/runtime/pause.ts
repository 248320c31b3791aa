// A wait that can be cut short: `setWake` is handed the function that ends it at once (stop(),
// a new waiter), and a no-op again once it has ended. `background`: the timer alone never keeps
// the process alive (polls; a loop's backoff is what the process is for, so it does).
export function pauseFor(ms: number, setWake: (wake: () => void) => void, background = false): Promise<void> {
  return new Promise<void>((resolve) => {
    const timer = setTimeout(done, ms);
    if (background) timer.unref();
    function done() {
      clearTimeout(timer);
      setWake(() => {});
      resolve();
    }
    setWake(done);
  });
}
