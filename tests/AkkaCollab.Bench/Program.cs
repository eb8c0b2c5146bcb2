Console.WriteLine("usage: replay | bdn");
