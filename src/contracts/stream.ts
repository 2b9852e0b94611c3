// The messages of a /v1/stream session beyond the run itself: a terminal for the program (docs/api.md).
import { type Static, Type as T } from '@sinclair/typebox';

/** The largest terminal side a session may ask for; the launcher's own bound is 4096. */
export const TERMINAL_MAX_SIDE = 1000;

/** Columns or rows: whole and bounded, so no client can hand the box's pty a size that means nothing. */
const Side = T.Integer({ minimum: 1, maximum: TERMINAL_MAX_SIDE });

/** `{"type":"resize","cols":N,"rows":N}`: the terminal's new size (sessions started with `tty: true`). */
export const ResizeMessageSchema = T.Object({ type: T.Literal('resize'), cols: Side, rows: Side }, { additionalProperties: false });
export type ResizeMessage = Static<typeof ResizeMessageSchema>;
