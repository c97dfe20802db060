import { Controller, Sse, type MessageEvent } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { filter, interval, map, merge, takeUntil, type Observable } from 'rxjs';
import type { Actor } from '@comity/domain';
import type { ProcessEvent } from '@comity/events';
import { AcceptQueryToken, CurrentActor } from '../auth/auth.decorators';
import { handlingCodesHiddenFrom } from '../auth/handling-policy';
import { ProcessEventStream } from './process-event-stream';

/** Whether the caller may see this event: the same rules as the API's reads. */
function visibleTo(actor: Actor, event: ProcessEvent): boolean {
  if (handlingCodesHiddenFrom(actor).includes(event.data.handlingCode)) return false;
  if (actor.role !== 'agency') return true;
  return Object.values(event.data.parties).some((p) => p.agencyId === actor.agencyId);
}

@ApiTags('overview')
@ApiBearerAuth()
@Controller('api/v1')
export class StreamController {
  constructor(private readonly stream: ProcessEventStream) {}

  /**
   * Server-sent events: one `process` event per transition the caller may see (never the payload;
   * fetch the process for details), and a comment every 15 s to keep proxies from closing it.
   * Browsers' EventSource cannot send headers, so this route also takes `?access_token=`.
   */
  @Sse('stream')
  @AcceptQueryToken()
  @ApiOperation({ summary: 'Server-sent events: the transitions the caller may see, as they happen' })
  events(@CurrentActor() actor: Actor): Observable<MessageEvent> {
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
        },
      })),
    );
    const keepAlive = interval(15_000).pipe(map((): MessageEvent => ({ type: 'keep-alive', data: '' })));
    return merge(transitions, keepAlive).pipe(takeUntil(this.stream.closing));
  }
}
