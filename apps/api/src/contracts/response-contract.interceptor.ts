/**
 * In the tests (VALIDATE_RESPONSES), every JSON answer is checked against its route's contract in
 * libs/contracts, as the client will read it (after JSON serialisation). A difference answers 500
 * RESPONSE_CONTRACT_BROKEN naming the route and what differs, so that any test touching the route fails: the
 * whole end-to-end suite is a contract test. Off in production.
 */
import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import type { Request } from 'express';
import { map, type Observable } from 'rxjs';
import { Value } from 'typebox/value';
import { ENDPOINTS, type EndpointContract } from '#contracts';
import { DomainError } from '../common/domain-error.js';
import { routeKey } from './openapi-responses.js';

@Injectable()
export class ResponseContractInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const req = context.switchToHttp().getRequest<Request>();
    const path = (req.baseUrl + (req.route?.path ?? '')).replace(/:([A-Za-z0-9_]+)/g, '{$1}');
    const key = routeKey(req.method, path);
    const contract = (ENDPOINTS as Record<string, EndpointContract>)[key];
    return next.handle().pipe(
      map((body: unknown) => {
        if (!contract || contract.kind !== 'json' || body === undefined || isStream(body)) return body;
        const wire = JSON.parse(JSON.stringify(body)) as unknown;
        if (Value.Check(contract.schema, wire)) return body;
        const errors = [...Value.Errors(contract.schema, wire)].slice(0, 8).map((e) => `${e.instancePath || '/'} ${e.message}`);
        // Printed whatever the log level: this is a fault of the code under test, not of the request.
        console.error(`Response of ${key} breaks its contract:\n  ${errors.join('\n  ')}`);
        throw new DomainError('RESPONSE_CONTRACT_BROKEN', { route: key, errors });
      }),
    );
  }
}

const isStream = (body: unknown) => typeof body === 'object' && body !== null && ('pipe' in body || 'getStream' in body);
