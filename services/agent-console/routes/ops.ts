// The operations user's landing page (views/ops.ts): signed-in ops staff only; anyone else is sent to sign in.
import type { Config } from '../../../infra/config';
import { ApiError } from '../../shared/errors';
import { routes } from '../../shared/input';
import { hasRole } from '../auth';
import { CODEC_PATH } from './codec';
import { opsPage } from '../views/ops';
import { langOf } from '../../shared/i18n';

export function opsRoutes({ config }: { config: Config }) {
  const router = routes();
  router.get('/ops', (req, res) => {
    if (!req.staff) return res.redirect(303, '/');
    if (!hasRole(req.staff, 'ops')) throw new ApiError(403, 'forbidden', 'This page is for operations staff');
    res.type('html').send(
      opsPage({
        lang: langOf(res),
        operator: req.staff.display_name,
        temporalUiUrl: config.temporalUiUrl,
        codecUrl: `${config.agentPublicUrl.replace(/\/$/, '')}${CODEC_PATH}`,
      }),
    );
  });
  return router;
}
