// GET /v1/languages: what this server runs.
import { Type as T } from '@sinclair/typebox';
import { languages } from '../../languages/definitions.js';
import { isInstalled, languageVersion } from '../../languages/registry.js';
import type { App } from '../types.js';

const LanguageSchema = T.Object({
  id: T.String(),
  name: T.String(),
  version: T.Union([T.String(), T.Null()]),
  installed: T.Boolean(),
  compiled: T.Boolean(),
  extensions: T.Array(T.String()),
});

/** Register the languages route. */
export function languageRoutes(app: App): void {
  app.get(
    '/v1/languages',
    {
      schema: {
        summary: 'Languages airlock knows and whether this host has them',
        tags: ['languages'],
        response: { 200: T.Object({ languages: T.Array(LanguageSchema) }) },
      },
    },
    async () => ({
      languages: await Promise.all(
        languages.map(async (l) => {
          const installed = isInstalled(l);
          return { id: l.id, name: l.name, version: installed ? await languageVersion(l) : null, installed, compiled: !!l.compile, extensions: l.extensions };
        }),
      ),
    }),
  );
}
