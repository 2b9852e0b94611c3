// Judge0's 422: the attributes a submission got wrong, each with its messages ({"language_id": ["can't be blank"]}).

/** A submission that does not validate; answered 422 with `errors` as the body. */
export class Judge0Invalid extends Error {
  constructor(readonly errors: Record<string, string[]>) {
    super(
      Object.entries(errors)
        .map(([k, v]) => `${k} ${v.join(', ')}`)
        .join('; '),
    );
  }
}
