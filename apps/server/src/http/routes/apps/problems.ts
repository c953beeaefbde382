import { Problem } from '../../problem.js';

export function appNotFound(appId: string): Problem {
  return new Problem(404, 'app_not_found', `There is no app ${appId}`);
}
