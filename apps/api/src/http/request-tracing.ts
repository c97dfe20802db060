import type { NextFunction, Request, Response } from 'express';
import {
  ROOT_CONTEXT,
  SpanKind,
  SpanStatusCode,
  activeTracing,
  context,
  propagation,
  trace,
  tracer,
} from '@comity/observability';

/**
 * A server span for every request, active while it is handled, so that what the request does — a
 * Temporal start or update above all — joins its trace. The API is the edge: a caller's own
 * traceparent header is not trusted as a parent (anyone could attach to any trace) but kept as a
 * link. Named by route template once routed (`POST /api/v1/processes/:id/actions`), never by path.
 */
export function traceRequests(req: Request, res: Response, next: NextFunction): void {
  if (!activeTracing()) return next();
  const caller = trace.getSpanContext(propagation.extract(ROOT_CONTEXT, req.headers));
  const span = tracer().startSpan(
    req.method,
    {
      kind: SpanKind.SERVER,
      attributes: { 'http.request.method': req.method, 'url.path': req.path },
      links: caller ? [{ context: caller }] : [],
    },
    ROOT_CONTEXT,
  );
  res.on('finish', () => {
    if (req.route) {
      const route = `${req.baseUrl}${String(req.route.path)}`;
      span.updateName(`${req.method} ${route}`);
      span.setAttribute('http.route', route);
    }
    span.setAttribute('http.response.status_code', res.statusCode);
    if (res.statusCode >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
    span.end();
  });
  const active = trace.setSpan(ROOT_CONTEXT, span);
  // The body arrives in events of the socket, made before this span: bound, its handlers keep it.
  context.bind(active, req);
  context.bind(active, res);
  context.with(active, next);
}
