import { describe, expect, it, vi } from 'vitest';
import { dispatch, isTrustedSender, registerIpcHandlers, type Handlers, type IpcMainLike } from '../../src-main/ipc-router';
import { channels } from '../../src-shared/ipc/channels';

const APP = ['app://workbench'];
const fromApp = { senderFrame: { url: 'app://workbench/index.html' } };
const token = 'a'.repeat(32);

function fakeHandlers(): Handlers {
  return {
    'file/open-dialog': vi.fn(async () => []),
    'file/read': vi.fn(async () => new Uint8Array([1, 2, 3])),
    'file/save': vi.fn(async () => ({ saved: true, path: '/x.png' })),
    'clipboard/write': vi.fn(async () => ({ copied: true })),
    'workbook/open-dialog': vi.fn(async () => null),
    'workbook/open-path': vi.fn(async () => ({ path: '/w.workbook.json', name: 'w.workbook.json', token, text: '{}', files: {}, outside: [] })),
    'workbook/allow-reads': vi.fn(async () => ({})),
    'workbook/save': vi.fn(async () => null),
    'workbook/recovery-write': vi.fn(async () => ({ written: true })),
    'workbook/recovery-list': vi.fn(async () => []),
    'workbook/recovery-delete': vi.fn(async () => ({ deleted: true })),
    'engine/connect': vi.fn(async () => ({ mode: 'wasm' as const, reason: 'test' })),
  };
}

describe('IPC validation in main', () => {
  it('trusts only the app origin as sender', () => {
    expect(isTrustedSender(fromApp, APP)).toBe(true);
    expect(isTrustedSender({ senderFrame: { url: 'https://evil.example/' } }, APP)).toBe(false);
    expect(isTrustedSender({ senderFrame: { url: 'app://workbench.evil/' } }, APP)).toBe(false);
    expect(isTrustedSender({ senderFrame: null }, APP)).toBe(false);
  });

  it('passes valid requests to the handler', async () => {
    const handlers = fakeHandlers();
    await expect(dispatch('file/read', fromApp, { token, offset: 0, length: 3 }, handlers, APP)).resolves.toEqual(new Uint8Array([1, 2, 3]));
    expect(handlers['file/read']).toHaveBeenCalledWith({ token, offset: 0, length: 3 });
  });

  it('rejects bad payloads before any handler runs', async () => {
    const handlers = fakeHandlers();
    const bad: [keyof typeof channels, unknown][] = [
      ['file/read', { token: '../../etc/passwd', offset: 0, length: 10 }],
      ['file/read', { token, offset: -1, length: 10 }],
      ['file/read', { token, offset: 0, length: 1e12 }],
      ['file/read', { token, offset: 0, length: 1, extra: true }],
      ['file/open-dialog', { multiple: 'yes', purpose: 'data' }],
      ['file/open-dialog', { multiple: true, purpose: 'anything' }],
      ['file/save', { suggestedName: '../../.bashrc', data: 'x', filters: [] }],
      ['workbook/open-path', { path: '' }],
      ['file/read', null],
      ['workbook/recovery-list', { sneaky: 1 }],
      ['clipboard/write', { html: '<script>' }],
      ['workbook/save', { saveAs: false, suggestedName: '../../evil.workbook.json', text: '{}' }],
      ['workbook/recovery-write', { key: '../../etc', workbookPath: null, text: '{}' }],
      ['clipboard/write', { text: 'a', png: new Uint8Array(1) }],
    ];
    for (const [channel, payload] of bad) {
      await expect(dispatch(channel, fromApp, payload, handlers, APP)).rejects.toThrow(/Refused .*invalid request/);
    }
    for (const h of Object.values(handlers)) expect(h).not.toHaveBeenCalled();
  });

  it('rejects requests from an untrusted sender', async () => {
    const handlers = fakeHandlers();
    await expect(dispatch('workbook/recovery-list', { senderFrame: { url: 'https://evil.example/' } }, {}, handlers, APP)).rejects.toThrow(
      /did not come from the app/,
    );
    expect(handlers['workbook/recovery-list']).not.toHaveBeenCalled();
  });

  it('registers a validated handler for every channel', async () => {
    const registered = new Map<string, (event: { senderFrame: { url: string } | null }, payload: unknown) => Promise<unknown>>();
    const ipcMain: IpcMainLike = { handle: (channel, listener) => registered.set(channel, listener) };
    registerIpcHandlers(ipcMain, fakeHandlers(), APP);
    expect([...registered.keys()].sort()).toEqual(Object.keys(channels).sort());
    await expect(registered.get('file/read')!(fromApp, { token: 'nope', offset: 0, length: 1 })).rejects.toThrow(/Refused file\/read/);
  });
});
