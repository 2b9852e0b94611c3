// The problem section: the list at #/problems, one problem at #/problems/<id>.
import { problemList } from './list.js';
import { problemPage } from './page.js';
import { submissionList } from './submissions.js';

/** Render the problem view the path asks for (#/submissions comes here too). */
export async function problems(main: HTMLElement, parts: string[]): Promise<void> {
  if (parts[0] === '/submissions') submissionList(main);
  else if (parts[0]) await problemPage(main, parts[0]);
  else await problemList(main);
}
