import { channels, type Channel, type ChannelRequest, type ChannelResponse } from '../src-shared/ipc/channels';

/** The slice of an IPC invoke event main needs to trust a request. */
export interface InvokeEvent {
  senderFrame: { url: string } | null;
}

export interface IpcMainLike {
  handle(channel: string, listener: (event: InvokeEvent, payload: unknown) => Promise<unknown>): void;
}

export type Handlers = { [C in Channel]: (request: ChannelRequest<C>) => Promise<ChannelResponse<C>> };

/** Requests are trusted only from the app's own pages. */
export function isTrustedSender(event: InvokeEvent, allowedOrigins: readonly string[]): boolean {
  const url = event.senderFrame?.url;
  if (!url) return false;
  return allowedOrigins.some((origin) => url === origin || url.startsWith(`${origin}/`));
}

export class IpcValidationError extends Error {
  override readonly name = 'IpcValidationError';
}

/**
 * Handle one request: check the sender, validate the payload against the
 * channel's schema, then call the handler. Exported for tests.
 */
export async function dispatch<C extends Channel>(
  channel: C,
  event: InvokeEvent,
  payload: unknown,
  handlers: Handlers,
  allowedOrigins: readonly string[],
): Promise<ChannelResponse<C>> {
  if (!isTrustedSender(event, allowedOrigins)) throw new IpcValidationError(`Refused ${channel}: the request did not come from the app`);
  const parsed = channels[channel].request.safeParse(payload);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new IpcValidationError(`Refused ${channel}: invalid request${issue ? ` (${issue.path.join('.') || 'payload'}: ${issue.message})` : ''}`);
  }
  const handler = handlers[channel] as (request: ChannelRequest<C>) => Promise<ChannelResponse<C>>;
  return handler(parsed.data as ChannelRequest<C>);
}

/** Register every channel of the typed map with validation in front of its handler. */
export function registerIpcHandlers(ipcMain: IpcMainLike, handlers: Handlers, allowedOrigins: readonly string[]): void {
  for (const channel of Object.keys(channels) as Channel[]) {
    ipcMain.handle(channel, (event, payload) => dispatch(channel, event, payload, handlers, allowedOrigins));
  }
}
