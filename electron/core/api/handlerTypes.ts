import type { z } from 'zod';
import type { ProcedureName, Procedures } from '../../../shared/contract';
import type { CoreContext } from '../context';

/** The handler for one procedure, typed from the contract: parsed input in, contract output out. */
export type Handler<P extends ProcedureName> = (
  input: z.output<Procedures[P]['input']>,
  ctx: CoreContext,
) => z.input<Procedures[P]['output']> | Promise<z.input<Procedures[P]['output']>>;

/** Handlers for a subset of procedures; each domain exports one of these. */
export type HandlersFor<P extends ProcedureName> = { [K in P]: Handler<K> };

/** The whole table: one handler for every procedure in the contract. */
export type Handlers = HandlersFor<ProcedureName>;
