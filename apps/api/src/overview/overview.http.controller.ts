import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { definitionOf, processTypes, type Actor } from '@comity/domain';
import type { ComityConfig } from '@comity/config';
import type { BoardFilter, DeadLetterLog, ProcessQueries } from '@comity/persistence';
import { countStalledWorkflows, listStalledWorkflows, type TemporalHandle } from '@comity/temporal';
import { AllowRoles, CurrentActor, TokenExpiresAt } from '../auth/auth.decorators';
import { handlingCodesHiddenFrom } from '../auth/handling-policy';
import { forbidden } from '../http/api-error';
import { ApiAnswers, ApiQueryOf } from '../http/openapi.decorators';
import {
  caller,
  deadLetterPage,
  incidents,
  pipeline,
  processPage,
  stalledProcesses,
  type DeadLetterPage,
  type Incidents,
  type Pipeline,
  type ProcessSummary,
  type StalledProcesses,
} from '@comity/api-contract';
import { ZodValidationPipe } from '../http/zod-validation.pipe';
import { CONFIG, DEAD_LETTER_LOG, PROCESS_QUERIES, TEMPORAL } from '../infrastructure/tokens';
import {
  deadLettersQuery,
  inboxQuery,
  pipelineQuery,
  type DeadLettersQuery,
  type InboxQuery,
  type PipelineQuery,
} from './overview.dto';

const STALLED_LIST_LIMIT = 100;
/** The dead letters the incidents count: those of the last week (the list shows them all). */
const DEAD_LETTER_WINDOW_DAYS = 7;
/** How long the incidents count waits for Temporal's count of stalled processes before saying it is unknown. */
const STALLED_COUNT_DEADLINE_MS = 3_000;
/** Who sees dead letters: they are not filtered by handling code. */
const DEAD_LETTER_ROLES: Actor['role'][] = ['coordinator', 'admin'];

/** The views officers and agencies work from: their task inbox and the pipeline per type and stage. */
@ApiTags('overview')
@ApiBearerAuth()
@Controller('api/v1')
export class OverviewController {
  constructor(
    @Inject(PROCESS_QUERIES) private readonly queries: ProcessQueries,
    @Inject(DEAD_LETTER_LOG) private readonly deadLetters: DeadLetterLog,
    @Inject(TEMPORAL) private readonly temporal: TemporalHandle,
    @Inject(CONFIG) private readonly config: ComityConfig,
  ) {}

  @Get('me')
  @ApiOperation({
    operationId: 'getCaller',
    summary: "Who the API takes the caller to be: the user, role and agency its token's claims map to",
  })
  @ApiAnswers({ status: 200, schema: caller, description: 'The caller, as every other route sees it' }, {})
  me(@CurrentActor() actor: Actor, @TokenExpiresAt() expiresAt: Date) {
    return { ...actor, tokenExpiresAt: expiresAt.toISOString() };
  }

  @Get('stalled')
  // Operational: names any process, whoever its parties; not for agencies. A caller a handling code
  // hides processes from (an auditor, H3) gets only processes the read model shows it: a hidden
  // one, or a workflow the read model does not hold (a case's, one not projected yet), is left out.
  @AllowRoles('coordinator', 'auditor', 'admin')
  @ApiOperation({
    operationId: 'listStalledProcesses',
    summary:
      'Running processes whose workflow task keeps failing (Temporal reports them after 3 failures in a row): they cannot move until a worker can run them. A caller a handling code hides processes from gets only those the read model shows it',
  })
  @ApiAnswers(
    { status: 200, schema: stalledProcesses, description: 'At most 100, oldest first' },
    { 403: ['ROLE_FORBIDDEN'], 503: ['TEMPORAL_UNAVAILABLE'] },
  )
  async stalled(@CurrentActor() actor: Actor): Promise<StalledProcesses> {
    return { items: await this.stalledFor(actor) };
  }

  /** The stalled workflows (the oldest 100) the caller may be named, as `stalled` describes. */
  private async stalledFor(actor: Actor): Promise<StalledProcesses['items']> {
    const items = await listStalledWorkflows(this.temporal, this.config.temporal, STALLED_LIST_LIMIT);
    const hidden = handlingCodesHiddenFrom(actor);
    if (hidden.length === 0) return items;
    const visible = await this.queries.visibleAmong(
      items.map((item) => item.id),
      hidden,
    );
    return items.filter((item) => visible.has(item.id));
  }

  @Get('incidents')
  @AllowRoles('coordinator', 'auditor', 'admin')
  @ApiOperation({
    operationId: 'countIncidents',
    summary: `What needs attention: processes past a deadline, stalled ones, and messages dead-lettered in the last ${DEAD_LETTER_WINDOW_DAYS} days (null: not known now, or not for the caller)`,
  })
  @ApiAnswers({ status: 200, schema: incidents, description: 'The counts' }, { 403: ['ROLE_FORBIDDEN'] })
  async incidents(@CurrentActor() actor: Actor): Promise<Incidents> {
    const since = new Date(Date.now() - DEAD_LETTER_WINDOW_DAYS * 86_400_000).toISOString();
    const [rows, stalled, deadLetters] = await Promise.all([
      this.queries.pipeline({ excludeHandlingCodes: handlingCodesHiddenFrom(actor) }),
      // Temporal down is itself what needs attention: the other counts still answer, and soon.
      this.temporal.connection
        .withDeadline(Date.now() + STALLED_COUNT_DEADLINE_MS, () =>
          // A caller codes hide processes from counts what its list names, lest the two differ by the hidden.
          handlingCodesHiddenFrom(actor).length
            ? this.stalledFor(actor).then((items) => items.length)
            : countStalledWorkflows(this.temporal, this.config.temporal),
        )
        .catch(() => null),
      DEAD_LETTER_ROLES.includes(actor.role) ? this.deadLetters.countSince(since) : null,
    ]);
    return { overdue: rows.reduce((sum, r) => sum + r.overdue, 0), stalled, deadLetters, deadLettersSince: since };
  }

  @Get('dead-letters')
  // Operational, and not filtered by handling code (a reason may repeat what a message said): for
  // those who run the exchange with agencies, not for auditors or agencies.
  @AllowRoles(...DEAD_LETTER_ROLES)
  @ApiOperation({
    operationId: 'listDeadLetters',
    summary:
      'Messages a consumer could not apply (comity.dead-letter.v1), newest first: where each came from, the check it failed and why; never its content',
  })
  @ApiAnswers(
    { status: 200, schema: deadLetterPage, description: 'A page; pass nextCursor back for the next one' },
    { 400: ['VALIDATION_FAILED'], 403: ['ROLE_FORBIDDEN'] },
  )
  @ApiQueryOf(deadLettersQuery)
  listDeadLetters(
    @Query(new ZodValidationPipe(deadLettersQuery, 'query')) query: DeadLettersQuery,
  ): Promise<DeadLetterPage> {
    return this.deadLetters.list(query.limit, query.cursor);
  }

  @Get('tasks')
  @ApiOperation({
    operationId: 'listTasks',
    summary: "Processes waiting for the caller's agency, by priority then time left",
  })
  @ApiAnswers(
    { status: 200, schema: processPage, description: 'A page of the inbox' },
    { 400: ['VALIDATION_FAILED'], 403: ['NOT_YOUR_AGENCY'] },
  )
  @ApiQueryOf(inboxQuery)
  tasks(@Query(new ZodValidationPipe(inboxQuery, 'query')) query: InboxQuery, @CurrentActor() actor: Actor) {
    if (actor.role === 'agency' && query.agency && query.agency !== actor.agencyId) {
      throw forbidden('NOT_YOUR_AGENCY', 'an agency sees only its own inbox');
    }
    const agency = actor.role === 'agency' ? actor.agencyId : query.agency;
    return this.queries.listProcesses({
      limit: query.limit,
      cursor: query.cursor,
      excludeHandlingCodes: handlingCodesHiddenFrom(actor),
      ...(agency ? { awaitingAgency: agency } : {}),
      ...(!agency ? { hasAwaitingAgency: true } : {}),
    });
  }

  @Get('pipeline')
  @ApiOperation({
    operationId: 'getPipeline',
    summary:
      'Per process type, every stage in order with its count, overdue count and oldest item, optionally narrowed and with the first processes of each stage (the board, aggregated here)',
  })
  @ApiAnswers(
    { status: 200, schema: pipeline, description: 'Counts per type and stage' },
    { 400: ['VALIDATION_FAILED'], 403: ['NOT_YOUR_AGENCY'] },
  )
  @ApiQueryOf(pipelineQuery)
  async pipeline(
    @Query(new ZodValidationPipe(pipelineQuery, 'query')) query: PipelineQuery,
    @CurrentActor() actor: Actor,
  ): Promise<Pipeline> {
    if (actor.role === 'agency' && query.agency && query.agency !== actor.agencyId) {
      throw forbidden('NOT_YOUR_AGENCY', 'an agency sees only the pipeline of its own processes');
    }
    const filter: BoardFilter = {
      agencyId: actor.role === 'agency' ? actor.agencyId : query.agency,
      caseId: query.caseId,
      state: query.state,
      priority: query.priority,
      excludeHandlingCodes: handlingCodesHiddenFrom(actor),
    };
    const rows = query.cards
      ? await this.queries.board(
          filter,
          query.cards,
          // A type no longer declared (none today) has no final stage rather than failing the board.
          (type, stage) => processTypes.includes(type) && definitionOf(type).states[stage]?.terminal === true,
        )
      : await this.queries.pipeline(filter);
    return {
      types: processTypes.map((type) => {
        const definition = definitionOf(type);
        return {
          type,
          title: definition.title,
          stages: Object.entries(definition.states).map(([stage, state]) => {
            const row = rows.find((r) => r.type === type && r.stage === stage);
            return {
              stage,
              label: state.label,
              terminal: state.terminal === true,
              count: row?.count ?? 0,
              overdue: row?.overdue ?? 0,
              oldestUpdatedAt: row?.oldestUpdatedAt ?? null,
              // Served as the list serves them (the read model's columns hold only the domain's values).
              ...(query.cards ? { cards: (row && 'cards' in row ? row.cards : []) as ProcessSummary[] } : {}),
            };
          }),
        };
      }),
    };
  }
}
