import { startApp, type AppName, type RunningApp } from './apps';

/** A run's apps, one of each; a crashed one is started again with the same settings, as a supervisor would. */
export class AppGroup {
  private readonly running = new Map<AppName, RunningApp>();
  private readonly extras: RunningApp[] = [];
  constructor(
    private readonly env: Record<string, string>,
    private readonly args: Partial<Record<AppName, string[]>>,
  ) {}

  async start(name: AppName): Promise<void> {
    this.running.set(name, await startApp(name, this.env, this.args[name] ?? [], 120_000));
  }

  /** Starts one more instance of an app (a second worker, say), stopped with the others. */
  async startExtra(name: AppName): Promise<RunningApp> {
    const app = await startApp(name, this.env, this.args[name] ?? [], 120_000);
    this.extras.push(app);
    return app;
  }

  /** Stops the extra instances (SIGTERM, as a scale-in would); throws when one does not exit cleanly. */
  async stopExtras(): Promise<void> {
    const extras = this.extras.splice(0);
    const codes = await Promise.all(extras.map((app) => app.stop()));
    const unclean = extras.filter((_, i) => codes[i] !== 0);
    if (unclean.length)
      throw new Error(`did not stop cleanly: ${unclean.map((a) => a.output().slice(-2000)).join('\n')}`);
  }

  /** The process id of every running app, extras as `<name>#2`, `<name>#3`, ... */
  pids(): Map<string, number> {
    const pids = new Map<string, number>();
    for (const app of this.all()) {
      let key: string = app.name;
      for (let n = 2; pids.has(key); n++) key = `${app.name}#${n}`;
      if (app.process.pid !== undefined && app.process.exitCode === null) pids.set(key, app.process.pid);
    }
    return pids;
  }

  private all(): RunningApp[] {
    return [...this.running.values(), ...this.extras];
  }

  async crash(name: AppName): Promise<void> {
    const app = this.running.get(name);
    if (!app) throw new Error(`${name} is not running`);
    app.process.kill('SIGKILL');
    await app.stop();
    await this.start(name);
  }

  /** Apps that exited although nobody stopped them. */
  exited(): string[] {
    return this.all()
      .filter((app) => app.process.exitCode !== null)
      .map((app) => `${app.name} exited with ${app.process.exitCode}:\n${app.output().slice(-3000)}`);
  }

  async stopAll(): Promise<string[]> {
    const apps = this.all();
    const codes = await Promise.all(apps.map((app) => app.stop()));
    return apps.filter((_, i) => codes[i] !== 0).map((app) => `${app.name}: ${app.output().slice(-3000)}`);
  }
}
