console.log("test asset");
