fork while 1;
