/** The GraphQL playground at `/`: GraphiQL, served with all its assets by our server, opened on the examples. */
import { GraphiQL } from 'graphiql';
import type { Fetcher } from '@graphiql/toolkit';
import 'graphiql/style.css';
import './playground.css';
import { createElement } from 'react';
import { createRoot } from 'react-dom/client';
import { examples } from '../examples.js';
import { graphqlFetcher } from '../graphql-client.js';

const container = document.getElementById('playground');
if (container) {
  createRoot(container).render(
    createElement(GraphiQL, {
      // The server answers with plain JSON errors, which GraphiQL shows as they come.
      fetcher: graphqlFetcher as unknown as Fetcher,
      defaultTabs: examples.map(({ query }) => ({ query })),
      defaultEditorToolsVisibility: true,
      // A fresh set of example tabs on every visit, rather than whatever an old visit left in local storage.
      storage: sessionStorage,
    }),
  );
}
