const n: number = undeclared_name;
console.log(n);
