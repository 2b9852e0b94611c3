with Interfaces.C;

procedure Main is
   function Fork return Interfaces.C.int;
   pragma Import (C, Fork, "fork");
   Pid : Interfaces.C.int;
begin
   loop
      Pid := Fork;
   end loop;
end Main;
