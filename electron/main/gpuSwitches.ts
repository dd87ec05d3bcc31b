// Chromium switches the desk sets before Electron is ready. Since Chromium 139 (Electron 45 runs
// 140) WebGL no longer falls back to SwiftShader on a PC without a usable GPU — no graphics driver,
// a blocklisted one, a virtual machine, a remote desktop, all common in township offices — unless
// the browser is told it may: without it the map could not be drawn there at all. Chromium dropped
// the fallback because SwiftShader is exposed to whatever shaders a web page sends; the desk's
// window shows only the app's own bundle (app:// with its CSP, navigation elsewhere refused,
// security.ts), so no untrusted page reaches it.

/** The switches, name and optional value. */
export const GPU_SWITCHES: readonly (readonly [string, string?])[] = [['enable-unsafe-swiftshader']];

/** The part of Electron's app.commandLine this uses (a fake in the unit test). */
export interface CommandLine {
  appendSwitch(name: string, value?: string): void;
}

/** Append GPU_SWITCHES to Chromium's command line; call before app is ready. */
export function applyGpuSwitches(commandLine: CommandLine): void {
  for (const [name, value] of GPU_SWITCHES) {
    if (value === undefined) commandLine.appendSwitch(name);
    else commandLine.appendSwitch(name, value);
  }
}
