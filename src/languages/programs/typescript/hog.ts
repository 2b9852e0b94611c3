const keep: number[][] = [];
for (;;) keep.push(new Array<number>(1 << 17).fill(keep.length));
