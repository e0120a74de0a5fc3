// The footer's pages (accessibility statement, privacy notice, legal notes, help), for anyone, in either language.
import type { Config } from '../../../infra/config';
import { dayIn, langOf } from '../../shared/i18n';
import { routes } from '../../shared/input';
import {
  accessibilityPage,
  ACCESSIBILITY_STATEMENT_DATE,
  helpPage,
  legalNotesPage,
  privacyPage,
} from '../views/site-pages';

export function sitePageRoutes({ config }: { config: Config }) {
  const router = routes();
  router.get('/accessibilita', (_req, res) => {
    const lang = langOf(res);
    res.type('html').send(accessibilityPage(lang, dayIn(lang, ACCESSIBILITY_STATEMENT_DATE)));
  });
  router.get('/privacy', (_req, res) => {
    res.type('html').send(
      privacyPage(langOf(res), {
        rejectedRequestDays: config.REJECTED_REQUEST_RETENTION_DAYS,
        documentDays: config.DOCUMENT_RETENTION_DAYS,
      }),
    );
  });
  router.get('/note-legali', (_req, res) => res.type('html').send(legalNotesPage(langOf(res))));
  router.get('/aiuto', (_req, res) => res.type('html').send(helpPage(langOf(res))));
  return router;
}
