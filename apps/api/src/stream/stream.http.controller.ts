import { Controller, Inject, Sse, type MessageEvent } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProduces, ApiQuery, ApiResponse, ApiTags } from '@nestjs/swagger';
import { filter, finalize, interval, map, merge, takeUntil, timer, type Observable } from 'rxjs';
import type { ComityConfig } from '@comity/config';
import type { Actor } from '@comity/domain';
import type { ProcessEvent } from '@comity/events';
import { AcceptQueryToken, CurrentActor, TokenExpiresAt } from '../auth/auth.decorators';
import { ClientError } from '../http/api-error';
import { ApiErrors } from '../http/openapi.decorators';
import { processStreamEvent, type ProcessStreamEvent } from '@comity/api-contract';
import { jsonSchema } from '../http/json-schema';
import { CONFIG } from '../infrastructure/tokens';
import { handlingCodesHiddenFrom } from '../auth/handling-policy';
import { ProcessEventStream } from './process-event-stream';

/** Whether the caller may see this event: the same rules as the API's reads. */
function visibleTo(actor: Actor, event: ProcessEvent): boolean {
  if (handlingCodesHiddenFrom(actor).includes(event.data.handlingCode)) return false;
  if (actor.role !== 'agency') return true;
  return Object.values(event.data.parties).some((p) => p.agencyId === actor.agencyId);
}

const streamFormat = [
  'Server-sent events (text/event-stream). One `process` event per transition the caller may see:',
  '`event: process`, `id:` the CloudEvent id (`<process id>:<sequence>`), and one `data:` line of JSON',
  'shaped as `x-sse-events.process` below (what moved, never the payload: fetch the process for that).',
  'Every 15 s a `keep-alive` event (a counter id, empty data) keeps proxies from closing the connection.',
  'The stream does not resume from Last-Event-ID: after a reconnect, re-read what you show.',
].join(' ');
const streamExample = [
  'event: process',
  'id: mla-7f3a:3',
  'data: {"type":"comity.mla.transmitted.v1","processId":"mla-7f3a","processType":"mla","sequence":3,"action":"transmit","stage":"transmitted","terminal":false,"overdue":false,"priority":"urgent","occurredAt":"2026-03-01T09:30:00.000Z"}',
  '',
  'event: keep-alive',
  'id: 1',
  'data: ',
  '',
  '',
].join('\n');
const eventStream = {
  schema: { type: 'string', description: 'W3C server-sent events in UTF-8, as the operation describes' },
  example: streamExample,
  // OpenAPI 3.1 has no schema for the items of a stream: the data of each event type, for readers and tools.
  'x-sse-events': { process: jsonSchema(processStreamEvent), 'keep-alive': { const: '' } },
};

@ApiTags('overview')
@ApiBearerAuth()
@Controller('api/v1')
export class StreamController {
  /** Open streams per token subject. */
  private readonly open = new Map<string, number>();

  constructor(
    private readonly stream: ProcessEventStream,
    @Inject(CONFIG) private readonly config: ComityConfig,
  ) {}

  /**
   * Server-sent events: one `process` event per transition the caller may see (never the payload;
   * fetch the process for details), and a `keep-alive` event every 15 s to keep proxies from closing it.
   * Browsers' EventSource cannot send headers, so this route also takes `?access_token=`.
   * A stream ends when the caller's token expires (the client reconnects with a fresh one), and one
   * subject may hold at most COMITY_API_MAX_STREAMS open at once (429 TOO_MANY_STREAMS beyond).
   */
  @Sse('stream')
  @AcceptQueryToken()
  @ApiOperation({
    operationId: 'streamProcessEvents',
    summary: 'Server-sent events: the transitions the caller may see, as they happen',
    description: streamFormat,
  })
  @ApiProduces('text/event-stream')
  @ApiQuery({
    name: 'access_token',
    required: false,
    schema: { type: 'string' },
    description: "The bearer token, for clients that cannot send headers (a browser's EventSource)",
  })
  @ApiResponse({
    status: 200,
    description: 'The stream: open until the token expires or the API stops (reconnect with a fresh token)',
    content: { 'text/event-stream': eventStream },
  })
  // Any role may listen; what a caller may not see is left out of its stream, never refused with a 403.
  @ApiErrors({ 429: ['TOO_MANY_STREAMS'] })
  events(@CurrentActor() actor: Actor, @TokenExpiresAt() expiresAt: Date): Observable<MessageEvent> {
    const limit = this.config.api.maxStreamsPerSubject;
    const opened = this.open.get(actor.userId) ?? 0;
    if (opened >= limit) {
      throw new ClientError(429, 'TOO_MANY_STREAMS', `at most ${limit} streams may be open at once for one user`);
    }
    this.open.set(actor.userId, opened + 1);
    const closed = () => {
      const left = (this.open.get(actor.userId) ?? 1) - 1;
      if (left > 0) this.open.set(actor.userId, left);
      else this.open.delete(actor.userId);
    };
    const transitions = this.stream.stream.pipe(
      filter((event) => visibleTo(actor, event)),
      map((event): MessageEvent => ({
        id: event.id,
        type: 'process',
        data: {
          type: event.type,
          processId: event.data.processId,
          processType: event.data.processType,
          caseId: event.data.caseId,
          sequence: event.data.sequence,
          action: event.data.action,
          stage: event.data.stage,
          terminal: event.data.terminal,
          overdue: event.data.overdue,
          priority: event.data.priority,
          occurredAt: event.data.occurredAt,
        } satisfies ProcessStreamEvent,
      })),
    );
    const keepAlive = interval(15_000).pipe(map((): MessageEvent => ({ type: 'keep-alive', data: '' })));
    const expired = timer(Math.max(0, expiresAt.getTime() - Date.now()));
    return merge(transitions, keepAlive).pipe(takeUntil(merge(this.stream.closing, expired)), finalize(closed));
  }
}
